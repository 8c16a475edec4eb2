export { ProfileService, emptyProfile, filledDetails, type ProfileServiceDeps } from './profile-service';
export { businessVariables, openingHoursText, addressText } from './business-text';
export { profileHandlers, type ProfileHandlerDeps } from './handlers';
