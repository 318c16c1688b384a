// Apart from the policy so client forms can show the limits without bundling the password list.
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
