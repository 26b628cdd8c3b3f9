import { developmentErrorMessages } from '../../../shared/error-messages/development'
import { addAreaMessages } from '../services/messages'

/** The sentences of this subpackage's error codes: every page of it imports this module first. */
addAreaMessages(developmentErrorMessages)
