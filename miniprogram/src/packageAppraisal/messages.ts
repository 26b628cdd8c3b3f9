import { appraisalErrorMessages } from '../../../shared/error-messages/appraisal'
import { addAreaMessages } from '../services/messages'

/** The sentences of this subpackage's error codes: every page of it imports this module first. */
addAreaMessages(appraisalErrorMessages)
