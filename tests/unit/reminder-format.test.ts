import { checkTemplateValue } from '../../localcloud/openapi'
import {
  cutText,
  formatKeywordValue,
  keywordType,
  keywordTypes,
  leaveDecidedContent,
  meetingReminderContent,
  noteReviewedContent,
  reminderTemplates,
  shiftTomorrowContent,
  studyTaskDueContent,
  templateData,
  templateKeys,
  testOpeningContent,
  visibleCharacters,
  shiftPromotedContent,
  shiftCancelledContent,
  type KeywordType,
  type KeywordValue,
} from '../../shared/domain/reminders'

const bj = (text: string) => new Date(`${text}+08:00`)

/** Whether WeChat (as the local cloud checks it) takes the value for a field of this type. */
const accepted = (type: KeywordType, value: string) => checkTemplateValue(`${type}1`, value) === undefined

/** No lone surrogate anywhere: every UTF-16 high surrogate is followed by a low one. */
const wellFormed = (text: string) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text)

const samples: Record<string, KeywordValue> = {
  chinese: '学习贯彻党的二十届四中全会精神专题组织生活会暨民主评议党员大会',
  latin: 'Quarterly theory test for all Party members of the branch',
  emoji: '🎉🎉 主题党日 👨‍👩‍👧 走进社区 🇨🇳 志愿服务 👍🏽 活动🎉🎉🎉',
  mixed: '李红梅 Li Hongmei 🌸',
  spaces: '  第一\n第二\t第三  ',
  empty: '',
  missing: undefined,
  number: 2.5,
  digits: '第 3 次',
  instant: bj('2026-03-01T16:30:00'),
  span: { from: bj('2026-03-01T16:30:00'), to: bj('2026-03-01T17:30:00') },
  longSpan: { from: bj('2026-03-01T08:00:00'), to: bj('2026-03-07T22:00:00') },
}

describe('subscribe-message values', () => {
  it.each(keywordTypes.filter((t) => t !== 'enum'))('gives WeChat a %s it accepts, whatever the text', (type) => {
    for (const [label, value] of Object.entries(samples)) {
      const out = formatKeywordValue(type, value)
      expect({ label, out, ok: accepted(type, out) }).toEqual({ label, out, ok: true })
      expect(wellFormed(out)).toBe(true)
    }
  })

  it('keeps an enum value from its list and falls back to the first otherwise', () => {
    expect(formatKeywordValue('enum', '已批准', { enumValues: ['待审批', '已批准'] })).toBe('已批准')
    expect(formatKeywordValue('enum', '别的', { enumValues: ['待审批', '已批准'] })).toBe('待审批')
  })

  it('cuts a long thing to 20 characters with an ellipsis, and leaves a short one alone', () => {
    const out = formatKeywordValue('thing', samples.chinese)
    expect(out).toBe('学习贯彻党的二十届四中全会精神专题组织…')
    expect(out.length).toBe(20)
    expect(formatKeywordValue('thing', '十一月主题党日')).toBe('十一月主题党日')
    expect(formatKeywordValue('thing', 'Theory test week 12')).toBe('Theory test week 12')
  })

  it('never splits an emoji, a family, a flag or a skin tone when cutting', () => {
    const out = formatKeywordValue('thing', samples.emoji)
    expect(out.length).toBeLessThanOrEqual(20)
    expect(wellFormed(out)).toBe(true)
    for (const ch of visibleCharacters(out.replace(/…$/, ''))) expect(samples.emoji as string).toContain(ch)
    expect(visibleCharacters('👨‍👩‍👧🇨🇳👍🏽')).toEqual(['👨‍👩‍👧', '🇨🇳', '👍🏽'])
    // An emoji that does not fit whole is left out rather than halved.
    expect(cutText('一二三四五六七八九十一二三四五六七八🎉🎉', 20)).toBe('一二三四五六七八九十一二三四五六七八…')
  })

  it('turns line breaks and runs of spaces into single spaces', () => {
    expect(formatKeywordValue('thing', samples.spaces)).toBe('第一 第二 第三')
  })

  it('keeps a phrase to 5 Chinese characters and a name to its Chinese part', () => {
    expect(formatKeywordValue('phrase', '退回修改，请重新提交')).toBe('退回修改请')
    expect(formatKeywordValue('phrase', 'OK')).toBe('无')
    expect(formatKeywordValue('phrase', 'OK', { fallback: '已处理' })).toBe('已处理')
    expect(formatKeywordValue('name', samples.mixed)).toBe('李红梅')
    expect(formatKeywordValue('name', '欧阳·娜娜')).toBe('欧阳·娜娜')
    expect(formatKeywordValue('name', 'Li Hongmei')).toBe('Li Hongmei')
    expect(formatKeywordValue('name', '阿卜杜热依木·买买提明江')).toBe('阿卜杜热依木·买买提')
  })

  it('writes times and spans on the Beijing clock, repeating the date only when it changes', () => {
    expect(formatKeywordValue('time', samples.instant)).toBe('2026年3月1日 16:30')
    expect(formatKeywordValue('time', samples.span)).toBe('2026年3月1日 16:30~17:30')
    expect(formatKeywordValue('time', samples.longSpan)).toBe('2026年3月1日 08:00~2026年3月7日 22:00')
    expect(formatKeywordValue('date', samples.instant)).toBe('2026年3月1日')
    expect(formatKeywordValue('date', samples.longSpan)).toBe('2026年3月1日~2026年3月7日')
    // 23:30 UTC is the next morning in Beijing.
    expect(formatKeywordValue('time', new Date('2026-02-28T23:30:00Z'))).toBe('2026年3月1日 07:30')
  })

  it('writes numbers, amounts, codes and phones in the characters their types allow', () => {
    expect(formatKeywordValue('number', 2.5)).toBe('2.5')
    expect(formatKeywordValue('number', '第 3 次')).toBe('3')
    expect(formatKeywordValue('amount', 12.5)).toBe('12.5元')
    expect(formatKeywordValue('character_string', 'ZB 2026-03 第一支部')).toBe('ZB-2026-03-')
    expect(formatKeywordValue('letter', 'A组 B组')).toBe('AB')
    expect(formatKeywordValue('symbol', 'a+b=c')).toBe('+=')
    expect(formatKeywordValue('phone_number', '电话 0571-8888 6666')).toBe('0571-8888 6666')
    expect(formatKeywordValue('car_number', '浙a 12345')).toBe('浙A12345')
  })

  it('fills every field of every template with values WeChat accepts, for the longest content', () => {
    const long = '关于认真学习贯彻党的二十届四中全会精神的专题组织生活会暨民主评议党员 🎉'
    const now = bj('2026-02-28T17:00:00')
    const start = bj('2026-03-01T16:30:00')
    const end = bj('2026-03-01T18:00:00')
    const contents = {
      meetingReminder: meetingReminderContent('meetingTomorrow', { id: 'm', title: long, typeLabel: '支部党员大会', venue: long, startAt: start, endAt: end }, now),
      leaveResult: leaveDecidedContent({ meetingId: 'm', meetingTitle: long, typeLabel: '党课', startAt: start, approved: false, comment: long, approverName: 'Zhang San 张三' }, now),
      shiftReminder: shiftTomorrowContent({ id: 's', title: long, place: long, startAt: start, endAt: end }, now),
      waitlistResult: shiftPromotedContent({ id: 's', title: long, place: '', startAt: start, endAt: end }, now),
      cancelNotice: shiftCancelledContent([{ id: 's', title: long, place: long, startAt: start, endAt: end }], long, now),
      studyReminder: studyTaskDueContent({ id: 't', title: long, dueAt: end, noteRequired: true }, now),
      reviewResult: noteReviewedContent({ id: 'n', title: long, result: 'returned', comment: null, reviewerName: '', reviewedAt: now }),
      testReminder: testOpeningContent({ id: 'x', title: long, opensAt: start, closesAt: bj('2026-03-07T22:00:00'), durationMinutes: 45 }, now),
    }
    for (const key of templateKeys) {
      const data = templateData(key, contents[key].slots)
      expect(Object.keys(data)).toEqual(reminderTemplates[key].fields.map((f) => f.key))
      for (const [field, { value }] of Object.entries(data)) {
        expect({ key, field, value, problem: checkTemplateValue(field, value) }).toEqual({ key, field, value, problem: undefined })
        expect(keywordType(field)).not.toBeNull()
      }
    }
  })
})
