/** The reminder letter as a Word document, laid out as Decree 30/2020/NĐ-CP lays out an administrative letter (công văn). */
import { reminderDocument, type ReminderLetter } from '../../projections/reminder-letter.ts';
import { officialDocx } from './official-document.ts';

export { DOCX_TYPE } from './official-document.ts';

/** The reminder letter as a .docx file, drawn from its document model with the shared layout. */
export async function reminderLetterDocx(l: ReminderLetter): Promise<Buffer> {
  return officialDocx(reminderDocument(l));
}
