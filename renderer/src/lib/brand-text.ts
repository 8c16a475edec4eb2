/**
 * Text from the core that names the product (help articles, their search snippets, the assistant's
 * answers from help) with the brand's name in its place; unchanged while the app wears its own.
 */
export function brandedText(text: string, brand: { isDefault: boolean; productName: string }): string {
  return brand.isDefault
    ? text
    : text.replace(/Mindframe Control Center|Mindframe(?![-_\w])/g, brand.productName);
}
