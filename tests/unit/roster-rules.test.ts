import { inviteCodeFromPageParams, inviteCodeProblem, inviteScene } from '../../shared/domain/invite-code'
import { lastSecretaryProblem, phoneProblem } from '../../shared/domain/member'
import { capabilitiesOf, capabilityChanges } from '../../shared/domain/permissions'
import { cloudPathOf, imageExtension, uploadKeyOf, uploadPath, uploadPrefixes } from '../../shared/domain/storage'

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

describe('capabilities', () => {
  it('are sent as the difference from what the positions bring, and a secretary keeps the roster', () => {
    const changes = capabilityChanges(['organizationCommittee'], new Set(['manageMeetings', 'reviewNotes'] as const))
    expect(changes).toEqual({ grants: ['reviewNotes'], revokes: ['manageRoster', 'approveLeave', 'reviewAttendance'] })
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
    expect(uploadPrefixes).toEqual(['imports/', 'minutes/'])
    const sheet = uploadPath({ purpose: 'rosterSheet', branchId: 'b1' }, key)
    expect(sheet).toBe(`imports/b1/${key}.xlsx`)
    expect(uploadKeyOf(sheet)).toBe(key)
    const photo = uploadPath({ purpose: 'minutesPhoto', meetingId: 'm1', ext: imageExtension('IMG_0001.JPEG') }, key)
    expect(photo).toBe(`minutes/m1/${key}.jpg`)
    expect(uploadKeyOf(photo)).toBe(key)
    expect(cloudPathOf(`cloud://env.bucket/${photo}`)).toBe(photo)
    expect(cloudPathOf('https://example.com/a')).toBe('')
  })

  it('find no key in a name the server did not make', () => {
    expect(uploadKeyOf('minutes/m1/photo.png')).toBeNull()
    expect(uploadKeyOf(`exports/b1/${key}.xlsx`)).toBeNull()
    expect(uploadKeyOf(`minutes/m1/../${key}.png`)).toBeNull()
    expect(imageExtension('scan.bmp')).toBe('jpg')
  })
})
