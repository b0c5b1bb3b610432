import type { CheckContext } from '../../engine/check-context.js';
import type { JudgedSubject, RuleFacts } from '../../engine/rule-module.js';
import type { PoliceRoom } from '../../model/dataset-schema.js';

/** The four marks of the standard, in the source's order, with their zh-CN names for messages. */
const STANDARD = [
  ['independentRoom', '独立成间'],
  ['signage', '鲜明标识'],
  ['serviceFunctions', '专业服务功能'],
  ['governanceTheme', '社区治理主题'],
] as const;

/** The marks a room lacks, in the standard's order. */
function missingMarks(room: PoliceRoom): (typeof STANDARD)[number][] {
  return STANDARD.filter(([field]) => !room[field]);
}

/** `R001 [C001 (云南中路居委)]`: the room and the communities it serves, for messages. */
function roomLabel(context: CheckContext, room: PoliceRoom): string {
  if (room.communities.length === 0) return room.id;
  return `${room.id} [${room.communities.map((id) => context.label('community', id)).join(', ')}]`;
}

/**
 * `police-room-standard`: one subject per `policeRooms[]` entry, its four marks as facts.
 * `details.missing` lists the false ones in the standard's order.
 */
export const policeRoomStandard: RuleFacts = {
  *subjects(context): Iterable<JudgedSubject> {
    const rooms = context.input.dataset.policeRooms ?? [];
    for (let index = 0; index < rooms.length; index++) {
      const room = rooms[index]!;
      const missing = missingMarks(room);
      yield {
        subject: { type: 'policeRoom', id: room.id },
        facts: {
          independentRoom: room.independentRoom,
          signage: room.signage,
          serviceFunctions: room.serviceFunctions,
          governanceTheme: room.governanceTheme,
        },
        evidence: [{ source: 'policeRoom', id: room.id, index, path: `policeRooms[${index}]` }],
        details: { missing: missing.map(([field]) => field) },
        messageData: { room: roomLabel(context, room), missingLabels: missing.map(([, label]) => label).join('、') },
      };
    }
  },
};
