// Vite's "?url" imports: the asset's URL in the build (used for pdf.js's worker).
declare module '*?url' {
  const url: string
  export default url
}
