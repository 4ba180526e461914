import {
  addAlias,
  addEmail,
  country2,
  emptyKeys,
  ipOf,
  protectedPaths,
  str,
  timestamp,
  unknownTop,
  type Fragment,
  type Obj,
  type SourceAdapter,
} from './source-adapter.js';
import { compact } from './entra.js';
import { lookupTable } from '../../util/lookup-table.js';

/**
 * Zoom meeting participants: the Reports API `GET /report/meetings/{id}/participants`, the
 * Dashboard `GET /metrics/meetings/{id}/participants` (both `{"participants": [...]}`, after the
 * Zoom API reference) and the participant CSV download with the same columns. Interviewers are in
 * the same list: they join no applicant and are listed as unjoined.
 */
const KNOWN = new Set([
  'id',
  'user_id',
  'participant_user_id',
  'name',
  'user_name',
  'email',
  'user_email',
  'registrant_id',
  'join_time',
  'leave_time',
  'duration',
  'attentiveness_score',
  'failover',
  'status',
  'customer_key',
  'participant_uuid',
  'bo_mtg_id',
  'ip_address',
  'location',
  'network_type',
  'device',
  'data_center',
  'connection_type',
  'share_application',
  'share_desktop',
  'share_whiteboard',
  'recording',
  'pc_name',
  'domain',
  'mac_addr',
  'harddisk_id',
  'version',
  'leave_reason',
  'audio_quality',
  'video_quality',
  'screen_share_quality',
  'camera',
  'microphone',
  'speaker',
  'internal_ip_addresses',
  'health',
  'os',
  'os_version',
  'sip_uri',
  'from_sip_uri',
  'role',
  'in_room_participants',
  'groupId',
  'full_data_center',
  'client',
  'has_archiving',
  'has_video',
  'has_screen_share',
  'has_recording',
  'has_pstn',
  'has_3rd_party_audio',
  'is_original_host',
]);

/**
 * CSV headers as the web portal's participant export writes them (Usage reports → participants:
 * "Name (original name)", "User email", "Join time", "Leave time", "Duration (minutes)", "Guest";
 * capitalisation varies between versions, so compared in lower case) → the API's field names.
 */
const CSV: Record<string, string> = lookupTable({
  'name (original name)': 'user_name',
  participant: 'user_name',
  name: 'user_name',
  'user name': 'user_name',
  'user email': 'email',
  email: 'email',
  'join time': 'join_time',
  'leave time': 'leave_time',
  'ip address': 'ip_address',
  location: 'location',
  'duration (minutes)': 'duration',
  guest: 'guest',
  'in waiting room': 'in_waiting_room',
  'recording consent': 'recording_consent',
});

export const zoom: SourceAdapter = {
  name: 'zoom',
  title: 'Zoom meeting participants (Reports / Dashboard API or CSV)',
  role: 'source',
  detect: (v) => ('join_time' in v || 'leave_time' in v) && ('user_name' in v || 'name' in v || 'email' in v || 'user_email' in v),
  detectCsv: (h) => {
    const l = h.map((x) => x.toLowerCase());
    return (l.includes('join_time') || l.includes('join time')) && l.some((x) => x in CSV || x === 'user_name');
  },
  adapt(raw: Obj): Fragment {
    const p: Obj = {};
    for (const [k, v] of Object.entries(raw)) p[CSV[k.toLowerCase()] ?? k] = v;
    const keys = emptyKeys();
    addEmail(keys, p.email ?? p.user_email);
    addAlias(keys, p.user_id ?? p.participant_user_id);
    const location = str(p.location);
    const cc = location ? /\(([A-Za-z]{2,3})\)\s*$/.exec(location)?.[1] : undefined;
    const interview = compact({
      at: timestamp(p.join_time, 'join_time'),
      kind: 'video',
      ip: ipOf(p.ip_address),
      country: cc ? country2(cc, 'location') : undefined,
    });
    const unmapped = unknownTop(p, new Set([...KNOWN, ...Object.values(CSV)]));
    return { keys, facts: { interviews: [interview] }, name: str(p.user_name ?? p.name), unmapped, dropped: protectedPaths(raw) };
  },
};
