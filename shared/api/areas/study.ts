import { z } from 'zod'
import type { MemberCategory } from '../../domain/member'
import { documentExtensions, imageExtensions } from '../../domain/storage'
import { calendarDate, cloudFileId, id, noInput, output, type UploadName } from '../fields'
import type { TheoryTestSummaryView } from './exam'
import {
  maxNotePhotos,
  maxNoteRawLength,
  noteGrades,
  notePhotosMessage,
  noteTooLongMessage,
  studyAudienceKinds,
  type ContentVerdict,
  type NoteGrade,
  type NoteHistoryAction,
  type NoteStatus,
  type PendingState,
  type StudyAudienceKind,
  type TaskProgress,
  type YearCounts,
} from '../../domain/study'

/**
 * 学习: study tasks, notes (心得体会) and their review, sharing (学习交流), who still owes a note,
 * yearly counts. The client imports only the types of this file.
 */

const year = z.number().int().min(2000).max(2100)

export interface StudyFileView {
  fileID: string
  name: string
  /** Temporary link (an hour). */
  url: string
}

export interface StudyMaterialsView {
  text: string
  links: Array<{ title: string; url: string }>
  files: StudyFileView[]
}

/** What a task means for the caller. */
export interface MyTaskState {
  progress: TaskProgress
  noteId: string | null
  noteStatus: NoteStatus | null
  confirmedAt: string | null
}

export interface StudyTaskSummaryView {
  id: string
  title: string
  dueDate: string
  dueAt: string
  noteRequired: boolean
  minChars: number
  /** Set by the organisation (党总支) for every branch. */
  fromOrg: boolean
  my: MyTaskState | null
}

export interface StudyTaskView extends StudyTaskSummaryView {
  materials: StudyMaterialsView
  audience: { kind: StudyAudienceKind; groupId: string | null; groupName: string | null; memberIds: string[] }
  createdByName: string
  createdAt: string
  /** The caller may see who has not handed in and remind them. */
  canManage: boolean
}

export interface ManagedTaskView extends StudyTaskSummaryView {
  branchName: string
  audience: number
  handedIn: number
}

export interface StudyOverview {
  tasks: StudyTaskSummaryView[]
  /** Notes of the caller waiting for review or returned, for the 学习 page. */
  myNotes: NoteSummaryView[]
  /** Notes waiting for the caller's review (reviewers only; else null). */
  toReview: number | null
  canManage: boolean
  canReview: boolean
}

/**
 * The 学习 tab's first screen in one answer: the caller's overview and tests as a member, or the
 * organisation's name for an organisation admin, or neither for someone who has not joined.
 */
export interface StudyPageView {
  orgAdmin: { orgName: string } | null
  overview: StudyOverview | null
  tests: TheoryTestSummaryView[]
}

export interface PendingView {
  task: { id: string; title: string; dueDate: string; dueAt: string; noteRequired: boolean }
  audience: number
  handedIn: number
  pending: Array<{ memberId: string; name: string; groupName: string | null; state: PendingState }>
  lastRemindedAt: string | null
  /** When the same people may be reminded again (null: now). */
  nextRemindAt: string | null
  canRemind: boolean
}

export interface NoteHistoryView {
  at: string
  byName: string
  action: NoteHistoryAction
  grade: NoteGrade | null
  comment: string | null
}

export interface NoteSummaryView {
  id: string
  title: string
  authorName: string
  groupName: string | null
  taskId: string | null
  taskTitle: string | null
  status: NoteStatus
  grade: NoteGrade | null
  shared: boolean
  characters: number
  contentCheck: ContentVerdict | null
  submittedAt: string | null
  updatedAt: string
}

export interface NoteView extends NoteSummaryView {
  authorId: string
  body: string
  photos: Array<{ fileID: string; url: string }>
  /** The task's minimum, if linked to a task. */
  minChars: number
  /** The reviewer's comment when the note was last returned. */
  returnComment: string | null
  history: NoteHistoryView[]
  canEdit: boolean
  canReview: boolean
  canShare: boolean
}

/** Who a task can be set for: groups and members by name (no phones). */
export interface StudyPeopleView {
  groups: Array<{ id: string; name: string }>
  members: Array<{ id: string; name: string; groupId: string | null; groupName: string | null; category: MemberCategory }>
}

export interface YearCountsView {
  year: number
  rows: Array<{ memberId: string; name: string; groupName: string | null; counts: YearCounts }>
}

const audience = z
  .object({
    kind: z.enum(studyAudienceKinds, { errorMap: () => ({ message: '请选择学习对象' }) }),
    groupId: id.nullable(),
    memberIds: z.array(id).max(1000),
  })
  .strict()
  .refine((a) => a.kind !== 'group' || a.groupId, { message: '请选择党小组', path: ['groupId'] })
  .refine((a) => a.kind !== 'members' || a.memberIds.length > 0, { message: '请选择学习的成员', path: ['memberIds'] })

const materials = z
  .object({
    text: z.string().trim().max(20000, '学习内容不能超过 20000 字'),
    links: z
      .array(
        z
          .object({
            title: z.string().trim().min(1, '请填写链接标题').max(60),
            url: z.string().trim().url('链接格式不正确').regex(/^https?:\/\//, '链接应以 http:// 或 https:// 开头').max(1000),
          })
          .strict(),
      )
      .max(10, '最多 10 个链接'),
    files: z.array(z.object({ fileID: cloudFileId, name: z.string().trim().min(1).max(100) }).strict()).max(10, '最多 10 个附件'),
  })
  .strict()

const noteContent = {
  title: z.string().trim().min(1, '请填写标题').max(60, '标题不能超过 60 个字'),
  // Counted in characters by the rules (字数); this bounds the raw text.
  body: z.string().max(maxNoteRawLength, noteTooLongMessage),
  photos: z.array(cloudFileId).max(maxNotePhotos, notePhotosMessage),
}

export const studyActions = {
  'study.page': {
    input: noInput,
    output: output<StudyPageView>(),
  },
  'study.overview': {
    input: noInput,
    output: output<StudyOverview>(),
  },
  'study.createTask': {
    input: z
      .object({
        title: z.string().trim().min(2, '标题至少 2 个字').max(60, '标题不能超过 60 个字'),
        materials,
        audience,
        dueDate: calendarDate,
        noteRequired: z.boolean(),
        minChars: z.number().int().min(0).max(10000, '字数要求不能超过 10000'),
      })
      .strict(),
    output: output<{ ids: string[]; branches: number }>(),
  },
  'study.people': {
    input: noInput,
    output: output<StudyPeopleView>(),
  },
  'study.preparePhoto': {
    input: z.object({ ext: z.enum(imageExtensions, { errorMap: () => ({ message: '只能上传照片（jpg、png 等图片）' }) }) }).strict(),
    output: output<UploadName>(),
  },
  'study.prepareMaterial': {
    input: z.object({ ext: z.enum(documentExtensions, { errorMap: () => ({ message: '只能附加 PDF、Word、PPT、Excel 或文本文件' }) }) }).strict(),
    output: output<UploadName>(),
  },
  'study.task': {
    input: z.object({ taskId: id }).strict(),
    output: output<StudyTaskView>(),
  },
  'study.manageTasks': {
    input: noInput,
    output: output<ManagedTaskView[]>(),
  },
  'study.confirmTask': {
    input: z.object({ taskId: id }).strict(),
    output: output<StudyTaskView>(),
  },
  'study.pending': {
    input: z.object({ taskId: id }).strict(),
    output: output<PendingView>(),
  },
  'study.remind': {
    input: z.object({ taskId: id }).strict(),
    output: output<{ reminded: number }>(),
  },

  'study.saveNote': {
    input: z.object({ noteId: id.optional(), taskId: id.nullable(), ...noteContent }).strict(),
    output: output<NoteView>(),
  },
  'study.submitNote': {
    input: z.object({ noteId: id.optional(), taskId: id.nullable(), ...noteContent }).strict(),
    output: output<NoteView>(),
  },
  'study.note': {
    input: z.object({ noteId: id }).strict(),
    output: output<NoteView>(),
  },
  'study.myNotes': {
    input: noInput,
    output: output<NoteSummaryView[]>(),
  },
  'study.reviewQueue': {
    input: noInput,
    output: output<{ waiting: NoteSummaryView[]; reviewed: NoteSummaryView[] }>(),
  },
  'study.review': {
    input: z
      .object({
        noteId: id,
        decision: z.enum(['approve', 'return']),
        grade: z.enum(noteGrades).optional(),
        comment: z.string().trim().max(300, '意见不能超过 300 字').optional(),
      })
      .strict()
      .refine((v) => v.decision !== 'approve' || v.grade, { message: '请选择优秀或合格', path: ['grade'] })
      .refine((v) => v.decision !== 'return' || (v.comment && v.comment.length >= 2), { message: '退回时请写明修改意见', path: ['comment'] }),
    output: output<NoteView>(),
  },
  'study.share': {
    input: z.object({ noteId: id, share: z.boolean() }).strict(),
    output: output<NoteView>(),
  },
  'study.shared': {
    input: noInput,
    output: output<NoteSummaryView[]>(),
  },
  'study.yearCounts': {
    input: z.object({ year, scope: z.enum(['mine', 'branch']) }).strict(),
    output: output<YearCountsView>(),
  },
} as const
