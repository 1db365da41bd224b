// svg-to-pdfkit ships no types: the one function ccst calls (documents/charts/render.ts).
declare module 'svg-to-pdfkit' {
  const SVGtoPDF: (doc: PDFKit.PDFDocument, svg: string, x: number, y: number, options?: Record<string, unknown>) => void;
  export default SVGtoPDF;
}
