import { inviteCodeFromPageParams, inviteCodeProblem, inviteScene } from '../../shared/domain/invite-code'
import { accountChangeProblem, lastSecretaryProblem, phoneProblem } from '../../shared/domain/member'
import { capabilitiesOf, capabilityChanges } from '../../shared/domain/permissions'
import { cloudPathOf, documentExtension, imageExtension, uploadKeyOf, uploadPath, uploadPrefixes } from '../../shared/domain/storage'

describe('phone numbers', () => {
  it('are 11-digit mainland mobiles', () => {
    expect(phoneProblem(' 13912345678 ')).toBeNull()
    expect(phoneProblem('12912345678')).toBe('请填写 11 位手机号')
    expect(phoneProblem('1391234567')).toBe('请填写 11 位手机号')
  })
})

describe('a branch keeps a 书记', () => {
  it('refuses to take the position from the last one, and lets it go when another holds it', () => {
    expect(lastSecretaryProblem(['secretary'], [], 0)).toBe('支部至少要有一名书记，请先任命新书记')
    expect(lastSecretaryProblem(['secretary'], ['deputySecretary'], 1)).toBeNull()
    expect(lastSecretaryProblem(['secretary'], ['secretary', 'groupLeader'], 0)).toBeNull()
    expect(lastSecretaryProblem(['groupLeader'], [], 0)).toBeNull()
  })
})

describe('changes to someone’s account (unbinding, name or phone, transfer out, binding a WeChat)', () => {
  const secretary = { id: 's', positions: ['secretary'] as const }
  const deputy = { id: 'd', positions: ['deputySecretary'] as const }
  const organizer = { id: 'o', positions: ['organizationCommittee'] as const }

  it('are the 书记’s or 副书记’s to make for a 支委 or a member granted a capability', () => {
    const publicity = { id: 'p', positions: ['publicityCommittee'] as const }
    const granted = { id: 'g', positions: ['groupLeader'] as const, grants: ['reviewNotes'] }
    for (const change of ['unbind', 'rename', 'transferOut', 'bind'] as const) {
      for (const target of [publicity, granted, secretary]) {
        expect(accountChangeProblem(organizer, target, change)).toMatch(/^只有书记或副书记可以/)
        expect(accountChangeProblem(deputy, target, change)).toBeNull()
      }
    }
  })

  it('may be made by any roster manager for an ordinary member, a group leader included', () => {
    expect(accountChangeProblem(organizer, { id: 'm', positions: [] }, 'rename')).toBeNull()
    expect(accountChangeProblem(organizer, { id: 'l', positions: ['groupLeader'], grants: [] }, 'unbind')).toBeNull()
  })

  it('are never made to oneself', () => {
    expect(accountChangeProblem(secretary, secretary, 'unbind')).toBe('不能解除自己的微信绑定，请由其他支委操作')
    expect(accountChangeProblem(deputy, deputy, 'rename')).toBe('不能修改自己的姓名或手机号，请由其他支委操作')
    expect(accountChangeProblem(organizer, organizer, 'transferOut')).toBe('不能将自己转出，请由其他支委操作')
  })
})

describe('capabilities', () => {
  it('are sent as the difference from what the positions bring, and a secretary keeps the roster', () => {
    const changes = capabilityChanges(['organizationCommittee'], new Set(['manageMeetings', 'reviewNotes'] as const))
    expect(changes).toEqual({ grants: ['reviewNotes'], revokes: ['manageRoster', 'approveLeave', 'reviewAttendance', 'manageVolunteer', 'manageDevelopment'] })
    expect(capabilitiesOf({ positions: ['organizationCommittee'], ...changes })).toEqual(['manageMeetings', 'reviewNotes'])
    expect(capabilitiesOf({ positions: ['secretary'], revokes: ['manageRoster'] })).toContain('manageRoster')
  })
})

describe('invite codes', () => {
  it('are 4–12 letters or digits, typed in any case', () => {
    expect(inviteCodeProblem(' md1024 ')).toBeNull()
    expect(inviteCodeProblem('')).toBe('请填写加入码')
    expect(inviteCodeProblem('MD-1')).toBe('加入码为 4–12 位字母或数字')
  })

  it('are read back from the join page’s link or its mini-program code’s scene', () => {
    expect(inviteCodeFromPageParams({ code: 'md1024' })).toBe('MD1024')
    expect(inviteCodeFromPageParams({ scene: encodeURIComponent(inviteScene('MD1024')) })).toBe('MD1024')
    expect(inviteCodeFromPageParams({})).toBe('')
  })
})

describe('storage paths', () => {
  const key = '0123456789abcdef0123456789abcdef'

  it('name uploads under the upload prefixes the functions accept, with the key the server chose', () => {
    expect(uploadPrefixes).toEqual(['imports/', 'minutes/', 'notes/', 'study/'])
    const sheet = uploadPath({ purpose: 'rosterSheet', branchId: 'b1' }, key)
    expect(sheet).toBe(`imports/b1/${key}.xlsx`)
    expect(uploadKeyOf(sheet)).toBe(key)
    const photo = uploadPath({ purpose: 'minutesPhoto', meetingId: 'm1', ext: imageExtension('IMG_0001.JPEG') }, key)
    expect(photo).toBe(`minutes/m1/${key}.jpg`)
    expect(uploadKeyOf(photo)).toBe(key)
    expect(cloudPathOf(`cloud://env.bucket/${photo}`)).toBe(photo)
    expect(cloudPathOf('https://example.com/a')).toBe('')
  })

  it('name a note’s photos under their author and study material and question sheets under the branch', () => {
    const photo = uploadPath({ purpose: 'notePhoto', memberId: 'member-007', ext: 'png' }, key)
    expect(photo).toBe(`notes/member-007/${key}.png`)
    expect(uploadKeyOf(photo)).toBe(key)
    const material = uploadPath({ purpose: 'studyMaterial', branchId: 'b1', ext: documentExtension('公报.PDF') ?? 'txt' }, key)
    expect(material).toBe(`study/b1/${key}.pdf`)
    expect(uploadKeyOf(material)).toBe(key)
    expect(uploadPath({ purpose: 'questionSheet', branchId: 'b1' }, key)).toBe(`imports/b1/${key}.xlsx`)
    expect(documentExtension('virus.exe')).toBeNull()
  })

  it('find no key in a name the server did not make', () => {
    expect(uploadKeyOf('minutes/m1/photo.png')).toBeNull()
    expect(uploadKeyOf(`exports/b1/${key}.xlsx`)).toBeNull()
    expect(uploadKeyOf(`minutes/m1/../${key}.png`)).toBeNull()
    expect(imageExtension('scan.bmp')).toBe('jpg')
  })
})
