import { Type } from 'typebox';
import { LOCATION_TYPES, SERVICE_STATUSES, SEXES } from '../../services/directoryDocument.ts';
import { Code, Enum, Id, Language, Nullable, Obj, PageQuery, Text, Version } from '../schemas.ts';

const Ref = Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() });

export const ServiceStatus = Enum(SERVICE_STATUSES);
export const LocationType = Enum(LOCATION_TYPES);
export const Sex = Enum(SEXES);

export const ServiceType = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  names: Type.Record(Type.String(), Type.String()),
  description: Type.String(),
  taxonomy: Type.String(),
  acceptHours: Nullable(Type.Integer()),
  firstServiceHours: Nullable(Type.Integer()),
  targetsSource: Nullable(Type.String()),
});

export const Service = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  status: Type.String(),
  email: Nullable(Type.String()),
  url: Nullable(Type.String()),
  eligibilityDescription: Nullable(Type.String()),
  minimumAge: Nullable(Type.Integer()),
  maximumAge: Nullable(Type.Integer()),
  sexes: Type.Array(Type.String()),
  languages: Type.Array(Type.String()),
  type: Type.String(),
  organization: Type.Object({ id: Type.String(), name: Type.String() }),
  agency: Nullable(Type.Object({ ...Ref.properties, type: Type.String() })),
  areaCodes: Type.Array(Type.String()),
  locations: Type.Array(
    Type.Object({
      id: Type.String(),
      linkId: Type.String(),
      name: Type.String(),
      locationType: Type.String(),
      areaCode: Nullable(Type.String()),
      address1: Nullable(Type.String()),
      city: Nullable(Type.String()),
      latitude: Nullable(Type.Number()),
      longitude: Nullable(Type.Number()),
      description: Type.String(),
    }),
  ),
  version: Type.Integer(),
  createdAt: Type.String(),
  lastModified: Type.String(),
});

const Age = Nullable(Type.Integer({ minimum: 0, maximum: 130 }));
const Email = Nullable(Text(200));
const Url = Nullable(Text(500));
const ServiceFields = {
  organizationId: Id,
  name: Text(300, 1),
  description: Type.Optional(Text(5000)),
  status: Type.Optional(ServiceStatus),
  email: Type.Optional(Email),
  url: Type.Optional(Url),
  eligibilityDescription: Type.Optional(Nullable(Text(5000))),
  minimumAge: Type.Optional(Age),
  maximumAge: Type.Optional(Age),
  sexes: Type.Optional(Type.Array(Sex, { maxItems: 3 })),
  languages: Type.Optional(Type.Array(Language, { maxItems: 40 })),
  type: Code,
  areaCodes: Type.Array(Code, { maxItems: 2000 }),
  locationIds: Type.Optional(Type.Array(Id, { maxItems: 200 })),
};
export const ServiceCreateBody = Obj(ServiceFields);
export const ServiceUpdateBody = Obj({
  version: Version,
  organizationId: Type.Optional(Id),
  name: Type.Optional(ServiceFields.name),
  description: ServiceFields.description,
  status: ServiceFields.status,
  email: ServiceFields.email,
  url: ServiceFields.url,
  eligibilityDescription: ServiceFields.eligibilityDescription,
  minimumAge: ServiceFields.minimumAge,
  maximumAge: ServiceFields.maximumAge,
  sexes: ServiceFields.sexes,
  languages: ServiceFields.languages,
  type: Type.Optional(Code),
  areaCodes: Type.Optional(ServiceFields.areaCodes),
  locationIds: ServiceFields.locationIds,
});

export const ServiceQuery = Obj({
  ...PageQuery,
  q: Type.Optional(Text(100)),
  type: Type.Optional(Code),
  area: Type.Optional(Code),
  age: Type.Optional(Type.String({ pattern: '^[0-9]{1,3}$' })),
  sex: Type.Optional(Sex),
  language: Type.Optional(Language),
  status: Type.Optional(Enum([...SERVICE_STATUSES, 'any'])),
  organization: Type.Optional(Id),
});

export const Organization = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  email: Nullable(Type.String()),
  website: Nullable(Type.String()),
  agency: Nullable(Ref),
  serviceCount: Type.Integer(),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
const OrganizationFields = {
  name: Text(300, 1),
  description: Type.Optional(Text(5000)),
  email: Type.Optional(Email),
  website: Type.Optional(Url),
  agencyId: Type.Optional(Nullable(Id)),
};
export const OrganizationCreateBody = Obj(OrganizationFields);
export const OrganizationUpdateBody = Obj({
  version: Version,
  name: Type.Optional(OrganizationFields.name),
  description: OrganizationFields.description,
  email: OrganizationFields.email,
  website: OrganizationFields.website,
  agencyId: OrganizationFields.agencyId,
});
export const OrganizationQuery = Obj({
  ...PageQuery,
  q: Type.Optional(Text(100)),
  agency: Type.Optional(Id),
});

export const Location = Type.Object({
  id: Type.String(),
  organizationId: Type.String(),
  organizationName: Type.String(),
  locationType: Type.String(),
  name: Type.String(),
  latitude: Nullable(Type.Number()),
  longitude: Nullable(Type.Number()),
  areaCode: Nullable(Type.String()),
  address1: Nullable(Type.String()),
  city: Nullable(Type.String()),
  stateProvince: Nullable(Type.String()),
  postalCode: Nullable(Type.String()),
  country: Nullable(Type.String()),
  version: Type.Integer(),
});
const LocationFields = {
  organizationId: Id,
  locationType: Type.Optional(LocationType),
  name: Text(300, 1),
  latitude: Type.Optional(Nullable(Type.Number({ minimum: -90, maximum: 90 }))),
  longitude: Type.Optional(Nullable(Type.Number({ minimum: -180, maximum: 180 }))),
  areaCode: Type.Optional(Nullable(Code)),
  address1: Type.Optional(Nullable(Text(300))),
  city: Type.Optional(Nullable(Text(200))),
  stateProvince: Type.Optional(Nullable(Text(200))),
  postalCode: Type.Optional(Nullable(Text(40))),
  country: Type.Optional(Nullable(Type.String({ pattern: '^[A-Z]{2}$' }))),
};
export const LocationCreateBody = Obj(LocationFields);
export const LocationUpdateBody = Obj({
  ...LocationFields,
  version: Version,
  organizationId: Type.Optional(Id),
  name: Type.Optional(LocationFields.name),
});
export const LocationQuery = Obj({
  ...PageQuery,
  q: Type.Optional(Text(100)),
  organization: Type.Optional(Id),
});
