/** A plain JSON-style object (not null, not an array): the shape every parsed mapping has. */
export const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
