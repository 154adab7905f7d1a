import { type TProperties, Type } from 'typebox';

/** An object that rejects unknown fields (never strips them). */
export const Obj = <T extends TProperties>(properties: T, options: { description?: string } = {}) =>
  Type.Object(properties, { additionalProperties: false, ...options });

/** Bounded text: every string the API accepts has a maximum length. */
export const Text = (maxLength: number, minLength = 0) => Type.String({ maxLength, minLength });

/** One of a fixed list of codes. */
export const Enum = <T extends string>(values: readonly T[]) =>
  Type.Union(values.map((v) => Type.Literal(v)));

export const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._:-]+$' });
export const IdParams = Obj({ id: Id });
export const Language = Type.String({ pattern: '^[a-z]{2,3}$' });
export const Version = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
/** A calendar date, `YYYY-MM-DD` (checked as a real date by the services). */
export const DateText = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
/** The schema, or null. */
export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) =>
  Type.Union([t, Type.Null()]);
export const Code = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$',
});

/** Query string of every list: an opaque cursor and a page size. */
export const PageQuery = {
  cursor: Type.Optional(Text(500)),
  limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,4}$' })),
};

/** A page of items with the cursor of the next page (null at the end). */
export const PageOf = <T extends Parameters<typeof Type.Array>[0]>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });

/** RFC 9457 problem document, as every error is sent. */
export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String(),
    detail: Type.String(),
    instance: Type.String(),
    requestId: Type.String(),
  },
  { additionalProperties: true },
);

export const NoContent = Type.Null();
