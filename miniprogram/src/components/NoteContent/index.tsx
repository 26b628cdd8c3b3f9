import Taro from '@tarojs/taro'
import { Image, View } from '@tarojs/components'
import type { NoteView } from '../../../../shared/api/areas/study'
import { noteGradeLabels, noteHistoryLabels } from '../../../../shared/domain/study'
import { formatDateTime } from '../../../../shared/domain/time'

// Styled by the .study__* blocks of pages/study/index.scss, which every page showing a note imports.

/** A note as written: the body, then its photos (tap to enlarge). */
export function NoteBody({ note }: { note: Pick<NoteView, 'body' | 'photos'> }) {
  const urls = note.photos.map((p) => p.url)
  return (
    <View className='card'>
      <View className='study__text'>{note.body}</View>
      {note.photos.length ? (
        <View className='study__photos' style={{ marginTop: '24px' }}>
          {note.photos.map((p) => (
            <View key={p.fileID} className='study__photo'>
              <Image className='study__img' src={p.url} mode='aspectFill' onClick={() => void Taro.previewImage({ current: p.url, urls }).catch(() => undefined)} />
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}

/** Every step of a note's review: when, who, what (with the grade or the comment). */
export function NoteHistory({ history, title }: { history: NoteView['history']; title: string }) {
  if (!history.length) return null
  return (
    <>
      <View className='section-title'>{title}</View>
      <View className='card'>
        {history.map((h, i) => (
          <View key={i} className='study__history'>
            {formatDateTime(h.at, new Date())} · {h.byName} {noteHistoryLabels[h.action]}
            {h.grade ? `（${noteGradeLabels[h.grade]}）` : ''}
            {h.comment ? `：${h.comment}` : ''}
          </View>
        ))}
      </View>
    </>
  )
}
