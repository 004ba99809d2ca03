/**
 * A cheap, deliberately generous token estimate, used to trim history to a budget and to charge
 * usage when a provider sends none. Latin text runs about 4 characters a token; other scripts
 * (CJK, Cyrillic, Arabic…) closer to one or two, so those count heavier.
 */
const MESSAGE_OVERHEAD = 4;

export function estimateTokens(text: string): number {
  let ascii = 0;
  let other = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) < 128) ascii++;
    else other++;
  }
  return Math.ceil(ascii / 4 + other / 1.5);
}

export function estimateMessageTokens(message: { content: string }): number {
  return estimateTokens(message.content) + MESSAGE_OVERHEAD;
}
