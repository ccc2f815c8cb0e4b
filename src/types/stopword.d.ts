// The `stopword` package ships no types: the lists Gloss reads from it.
declare module 'stopword' {
  export const eng: readonly string[];
  export const nld: readonly string[];
  export const spa: readonly string[];
  export const por: readonly string[];
  export const fra: readonly string[];
  export const deu: readonly string[];
}
