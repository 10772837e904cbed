/**
 * Places by their coordinates. Where two claims both give coordinates,
 * distance decides: within `withinKm` (widened by each one's precision) they
 * meet whatever their names; further apart than FAR_KM (so widened) they never
 * meet, whatever their names (two villages called Jadida). Distance is blocked
 * on a grid of cells as wide as the furthest join, so each claim is measured
 * only against the claims of its own and the eight cells around it, within
 * the date window: the work grows with the claims, not their square.
 */
import type { Claim } from "../claims/claim.js";

/** Places further apart than this (plus their precisions) are never one place. */
export const FAR_KM = 25;
/** Past this precision a claim's coordinates only keep it from far places: they are too coarse to join by. */
export const JOIN_PRECISION_KM = 5;

const EARTH_KM = 6371.0088;
const RAD = Math.PI / 180;

/** Great-circle distance in km (haversine). */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export const hasPlace = (c: Claim): c is Claim & { latitude: number; longitude: number } => c.latitude !== undefined && c.longitude !== undefined;

/** "1.2 km apart" */
export function kmText(km: number): string {
  return `${km < 10 ? km.toFixed(1) : Math.round(km)} km apart`;
}

/**
 * Pairs of claims (by index) whose coordinates lie within `withinKm` plus both precisions, with
 * start dates at most `window` days apart. `take` picks the claims that may seed a join (one per
 * record). Each pair is given once, the lower index first.
 */
export function nearPairs(claims: readonly Claim[], take: (i: number) => boolean, withinKm: number, window: number, emit: (a: number, b: number, km: number) => void): void {
  const reach = withinKm + 2 * JOIN_PRECISION_KM;
  const cellDeg = reach / 111.2;
  const cells = new Map<string, number[]>();
  // Longitude cells narrow toward the poles: scaled by the row's latitude, so a cell is `reach` km wide there too.
  const colOf = (row: number, lon: number) => Math.floor((lon * Math.max(Math.cos((row + 0.5) * cellDeg * RAD), 0.01)) / cellDeg);
  const seeds: number[] = [];
  claims.forEach((c, i) => {
    if (!hasPlace(c) || !take(i) || (c.precisionKm ?? 0) > JOIN_PRECISION_KM || c.date.precision !== "day") return;
    seeds.push(i);
    const row = Math.floor(c.latitude / cellDeg);
    const key = `${row},${colOf(row, c.longitude)}`;
    const list = cells.get(key);
    if (list) list.push(i);
    else cells.set(key, [i]);
  });
  // Each cell's claims by start date, so a claim looks only at those within the window.
  for (const list of cells.values()) list.sort((a, b) => claims[a]!.date.start - claims[b]!.date.start || a - b);
  for (const i of seeds) {
    const c = claims[i] as Claim & { latitude: number; longitude: number };
    const row = Math.floor(c.latitude / cellDeg);
    for (let r = row - 1; r <= row + 1; r++) {
      // The neighbouring row's columns are scaled by its own latitude.
      const center = colOf(r, c.longitude);
      for (let dc = -1; dc <= 1; dc++) {
        const list = cells.get(`${r},${center + dc}`);
        if (list === undefined) continue;
        // First claim whose start is within the window before this one's.
        let lo = 0;
        let hi = list.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (claims[list[mid]!]!.date.start < c.date.start - window) lo = mid + 1;
          else hi = mid;
        }
        for (let k = lo; k < list.length; k++) {
          const j = list[k]!;
          const o = claims[j] as Claim & { latitude: number; longitude: number };
          if (o.date.start > c.date.start + window) break;
          if (j <= i) continue;
          const km = distanceKm(c.latitude, c.longitude, o.latitude, o.longitude);
          if (km <= withinKm + (c.precisionKm ?? 0) + (o.precisionKm ?? 0)) emit(i, j, km);
        }
      }
    }
  }
}
