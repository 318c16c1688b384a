/** The request header proxy.ts copies an OIDC `ui_locales` query parameter into. */
export const UI_LOCALES_HEADER = 'x-ui-locales';
