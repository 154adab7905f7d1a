import { readFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { Static, TSchema } from 'typebox';
import { Value } from 'typebox/value';
import {
  areaTreeProblems,
  checkForm,
  type FormDefinition,
  isPermission,
} from '../../core/index.ts';
import { AGENCY_TYPES } from '../services/agencies.ts';
import {
  type DirectoryDocument,
  describeProblem,
  directoryProblems,
} from '../services/directoryDocument.ts';
import {
  AreaProperties,
  PackAgencies,
  PackChildLabourRules,
  PackDemoUsers,
  PackForcedLabourRules,
  PackForm,
  PackManifest,
  PackResponseTargets,
  PackRoles,
  PackServiceTypes,
  PackTraffickingRules,
} from './packFormat.ts';
import { settingsProblems } from './packSettings.ts';

/** A pack that cannot be loaded, with the file and the reason. */
export class PackError extends Error {}

export interface PackArea {
  code: string;
  level: number;
  parentCode: string | null;
  defaultName: string;
  names: Record<string, string>;
  geometry: unknown;
}

/** A country pack read from disk and checked, ready to seed. */
export interface CountryPack {
  dir: string;
  manifest: Static<typeof PackManifest>;
  areas: PackArea[];
  agencies: Static<typeof PackAgencies>;
  roles: Static<typeof PackRoles>;
  demoUsers: Static<typeof PackDemoUsers>;
  rules: PackRules;
  /** The service-type taxonomy (empty when the pack has none). */
  serviceTypes: Static<typeof PackServiceTypes> | null;
  /** Organisations, services and locations of the service directory (HSDS 3.0 shape). */
  directory: DirectoryDocument | null;
}

/** The screening rules and response targets a pack carries (each optional). */
export interface PackRules {
  childLabour?: Static<typeof PackChildLabourRules>;
  forcedLabour?: Static<typeof PackForcedLabourRules>;
  trafficking?: Static<typeof PackTraffickingRules>;
  responseTargets?: Static<typeof PackResponseTargets>;
  /** Country-specific questions added to intake and to the assessment. */
  forms?: { intake?: FormDefinition; assessment?: FormDefinition };
}

function readForm(dir: string, file: string): FormDefinition {
  const form = checked(PackForm, readJson(dir, file), file) as FormDefinition;
  const problems = checkForm(form);
  if (problems.length > 0) throw new PackError(`${file}: ${problems.slice(0, 5).join('; ')}`);
  return form;
}

function readRules(
  dir: string,
  files: NonNullable<Static<typeof PackManifest>['rules']>,
): PackRules {
  const rules: PackRules = {};
  if (files.childLabour) {
    const cl = checked(PackChildLabourRules, readJson(dir, files.childLabour), files.childLabour);
    const bad = cl.sdg.bands.find((b) => b.minAge > b.maxAge);
    if (bad)
      throw new PackError(
        `${files.childLabour}: an SDG band starts after it ends (${bad.minAge}–${bad.maxAge})`,
      );
    rules.childLabour = cl;
  }
  if (files.forcedLabour) {
    const fl = checked(
      PackForcedLabourRules,
      readJson(dir, files.forcedLabour),
      files.forcedLabour,
    );
    const ids = new Set<string>();
    for (const item of fl.items) {
      if (ids.has(item.id))
        throw new PackError(`${files.forcedLabour}: item ${item.id} appears twice`);
      ids.add(item.id);
    }
    rules.forcedLabour = fl;
  }
  if (files.trafficking)
    rules.trafficking = checked(
      PackTraffickingRules,
      readJson(dir, files.trafficking),
      files.trafficking,
    );
  if (files.responseTargets) {
    rules.responseTargets = checked(
      PackResponseTargets,
      readJson(dir, files.responseTargets),
      files.responseTargets,
    );
  }
  return rules;
}

function readJson(dir: string, file: string): unknown {
  const path = resolve(dir, file);
  if (!path.startsWith(resolve(dir) + sep))
    throw new PackError(`${file}: must be inside the pack folder`);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new PackError(`${file}: cannot be read`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PackError(`${file}: not valid JSON (${(error as Error).message})`);
  }
}

function checked<T extends TSchema>(schema: T, value: unknown, file: string): Static<T> {
  if (Value.Check(schema, value)) return value as Static<T>;
  const first = [...Value.Errors(schema, value)][0];
  throw new PackError(
    `${file}: ${first ? `${first.instancePath || '/'} ${first.message}` : 'invalid'}`,
  );
}

/** Reads and validates a country pack folder; throws PackError naming the file at fault. */
export function readPack(dir: string): CountryPack {
  const manifest = checked(PackManifest, readJson(dir, 'pack.json'), 'pack.json');
  if (!manifest.languages.includes(manifest.defaultLanguage)) {
    throw new PackError('pack.json: defaultLanguage must be one of languages');
  }
  const country = manifest.country;
  const areas: PackArea[] = [
    {
      code: country.code,
      level: 0,
      parentCode: null,
      defaultName: country.names[manifest.defaultLanguage] ?? country.names.en ?? country.code,
      names: country.names,
      geometry: null,
    },
  ];
  for (const layer of manifest.areas) {
    const collection = readJson(dir, layer.file) as { type?: string; features?: unknown[] };
    if (collection.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
      throw new PackError(`${layer.file}: must be a GeoJSON FeatureCollection`);
    }
    collection.features.forEach((feature, i) => {
      const f = feature as { properties?: unknown; geometry?: { type?: string } | null };
      const props = checked(AreaProperties, f.properties, `${layer.file} feature ${i}`);
      if (f.geometry && f.geometry.type !== 'Polygon' && f.geometry.type !== 'MultiPolygon') {
        throw new PackError(
          `${layer.file} feature ${i}: geometry must be a Polygon or MultiPolygon`,
        );
      }
      areas.push({
        code: props.code,
        level: layer.level,
        parentCode: props.parent_code,
        defaultName: props.name,
        names: props.names ?? { [manifest.defaultLanguage]: props.name },
        geometry: f.geometry ?? null,
      });
    });
  }
  const codes = new Set<string>();
  for (const a of areas) {
    if (codes.has(a.code)) throw new PackError(`areas: code ${a.code} appears twice`);
    codes.add(a.code);
  }
  const broken = areaTreeProblems(areas);
  if (broken.length)
    throw new PackError(`areas: parent missing or cyclic for ${broken.slice(0, 5).join(', ')}`);
  const badSettings = settingsProblems(manifest.settings, codes);
  if (badSettings.length)
    throw new PackError(`pack.json settings: ${badSettings.slice(0, 5).join('; ')}`);

  const agencies = manifest.agencies
    ? checked(PackAgencies, readJson(dir, manifest.agencies), manifest.agencies)
    : [];
  for (const a of agencies) {
    if (!(AGENCY_TYPES as readonly string[]).includes(a.type))
      throw new PackError(`${manifest.agencies}: agency ${a.code} has unknown type ${a.type}`);
    const missing = a.areaCodes.find((c) => !codes.has(c));
    if (missing)
      throw new PackError(`${manifest.agencies}: agency ${a.code} serves unknown area ${missing}`);
  }
  const roles = manifest.roles
    ? checked(PackRoles, readJson(dir, manifest.roles), manifest.roles)
    : [];
  for (const r of roles) {
    const bad = r.permissions.find((p) => !isPermission(p));
    if (bad) throw new PackError(`${manifest.roles}: role ${r.id} has unknown permission ${bad}`);
  }
  const demoUsers = manifest.demoUsers
    ? checked(PackDemoUsers, readJson(dir, manifest.demoUsers), manifest.demoUsers)
    : [];
  const agencyCodes = new Set(agencies.map((a) => a.code));
  const roleIds = new Set(roles.map((r) => r.id));
  for (const u of demoUsers) {
    if (!agencyCodes.has(u.agency))
      throw new PackError(`${manifest.demoUsers}: ${u.username} names unknown agency ${u.agency}`);
    const role = u.roles.find((r) => !roleIds.has(r));
    if (role)
      throw new PackError(`${manifest.demoUsers}: ${u.username} names unknown role ${role}`);
    const area = u.areas.find((c) => !codes.has(c));
    if (area)
      throw new PackError(`${manifest.demoUsers}: ${u.username} names unknown area ${area}`);
  }
  const rules: PackRules = manifest.rules ? readRules(dir, manifest.rules) : {};
  if (manifest.forms) {
    const forms: NonNullable<PackRules['forms']> = {};
    if (manifest.forms.intake) forms.intake = readForm(dir, manifest.forms.intake);
    if (manifest.forms.assessment) forms.assessment = readForm(dir, manifest.forms.assessment);
    if (forms.intake && forms.intake.id === forms.assessment?.id)
      throw new PackError('pack.json: the intake and assessment forms need different ids');
    rules.forms = forms;
  }
  const services = manifest.services ?? {};
  const serviceTypes = services.types
    ? checked(PackServiceTypes, readJson(dir, services.types), services.types)
    : null;
  const typeCodes = new Set<string>();
  for (const t of serviceTypes?.types ?? []) {
    if (typeCodes.has(t.code))
      throw new PackError(`${services.types}: service type ${t.code} appears twice`);
    typeCodes.add(t.code);
  }
  let directory: DirectoryDocument | null = null;
  if (services.directory) {
    const doc = readJson(dir, services.directory);
    const problems = directoryProblems(doc, {
      agencyCodes: agencyCodes,
      areaCodes: codes,
      termCodes: typeCodes,
      organizationIds: new Set(),
      serviceIds: new Set(),
      locationIds: new Set(),
    });
    if (problems.length > 0)
      throw new PackError(
        `${services.directory}: ${problems.slice(0, 5).map(describeProblem).join('; ')}`,
      );
    if ((doc as DirectoryDocument).taxonomy_terms?.length)
      throw new PackError(
        `${services.directory}: service types belong in the services.types file, not in taxonomy_terms`,
      );
    directory = doc as DirectoryDocument;
  }
  return { dir, manifest, areas, agencies, roles, demoUsers, rules, serviceTypes, directory };
}

/** The demo pack shipped with Pathfinder. */
export const DEMO_PACK_DIR = join(import.meta.dirname, '..', '..', '..', 'packs', 'npl');
