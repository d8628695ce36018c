/** Decimal data units (1 MB = 10^6 bytes), as the traces' producers and network vendors count. */
export type DataUnit = 'B' | 'KB' | 'MB' | 'GB';

export const BYTES_PER_DATA_UNIT: Readonly<Record<DataUnit, number>> = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9 };

/** The data unit imports use unless told otherwise: file sizes become megabytes. */
export const DEFAULT_DATA_UNIT: DataUnit = 'MB';

/** Bytes in one `unit`; throws a RangeError naming the option for anything but B, KB, MB, GB. */
export function bytesPerUnit(unit: DataUnit | undefined, option = 'dataUnit'): number {
  const key = unit ?? DEFAULT_DATA_UNIT;
  if (!Object.hasOwn(BYTES_PER_DATA_UNIT, key)) {
    throw new RangeError(`${option} must be one of ${Object.keys(BYTES_PER_DATA_UNIT).join(', ')}, got ${JSON.stringify(unit)}`);
  }
  return BYTES_PER_DATA_UNIT[key];
}
