/** ajv as the hand-written servers use it: every error, formats, parameters coerced. */
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { CREATE_USER, USER_ID } from "./users.js";

/** `CreateUser` and the user id parameter, compiled. */
export function usersValidators() {
  const ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: true });
  addFormats.default(ajv);
  return { body: ajv.compile(CREATE_USER), userId: ajv.compile(USER_ID) };
}
