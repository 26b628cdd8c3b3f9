import { useEffect, useRef } from 'react'
import Taro from '@tarojs/taro'
import type { MeetingView } from '../../../shared/api/contract'

/**
 * A meeting as a save returned it, handed to every page showing that meeting: the page behind the
 * edit form shows the new time and venue the moment the save returns, before it is even back on
 * screen (and its own reload on show confirms it).
 */
const event = 'meeting:saved'

export function announceSavedMeeting(meeting: MeetingView): void {
  Taro.eventCenter.trigger(event, meeting)
}

export function useSavedMeeting(meetingId: string, onSaved: (meeting: MeetingView) => void): void {
  const latest = useRef(onSaved)
  latest.current = onSaved
  useEffect(() => {
    const handler = (meeting: MeetingView) => {
      if (meeting.id === meetingId) latest.current(meeting)
    }
    Taro.eventCenter.on(event, handler)
    return () => void Taro.eventCenter.off(event, handler)
  }, [meetingId])
}
