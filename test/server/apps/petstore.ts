import { createRequestHandler, type Handlers } from "../../golden/petstore/server/index.js";
import { operations } from "../../golden/petstore/operations.js";
import type { FixtureApp } from "../serve.js";

const handlers: Handlers = {
  listPets: ({ query }) => ({
    status: 200,
    headers: { "x-next": "/v1/pets?page=2" },
    body: Array.from({ length: query.limit ?? 1 }, (_, index) => ({ id: index + 1, name: `pet ${index + 1}` })),
  }),
  createPets: ({ body }) => ({ status: 201, body: undefined, headers: { "x-name": body.name } }),
  showPetById: ({ path }) =>
    path.petId === "0"
      ? { status: 404, body: { code: 404, message: "no such pet" } }
      : { status: 200, body: { id: Number(path.petId), name: "Rex", tag: "dog" } },
};

export const petstoreApp: FixtureApp = {
  operations,
  handler: (options) => createRequestHandler(handlers, { validateResponses: true, ...options }),
  calls: [
    {
      operation: "listPets",
      method: "GET",
      path: "/v1/pets?limit=2",
      status: 200,
      response: [
        { id: 1, name: "pet 1" },
        { id: 2, name: "pet 2" },
      ],
    },
    { operation: "createPets", method: "POST", path: "/v1/pets", body: { id: 3, name: "Tom" }, status: 201 },
    { operation: "showPetById", method: "GET", path: "/v1/pets/12", status: 200, response: { id: 12, name: "Rex", tag: "dog" } },
    { operation: "showPetById", method: "GET", path: "/v1/pets/0", status: 404, response: { code: 404, message: "no such pet" } },
  ],
};
