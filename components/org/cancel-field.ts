/** The name of a confirm step's Cancel button (ActionForm): orgAction answers it with an empty state. */
export const CANCEL_FIELD = 'dismissConfirmation';
