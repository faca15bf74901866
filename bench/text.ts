// Writes the words of generated articles: plain English-like sentences from the built-in
// vocabulary, each article drawing mostly on its own topic words.
import type { Random } from './random.js';
import { contentWords, everydayWords, firstNames, functionWords, lastNames, linkingWords } from './vocabulary.js';

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** What an article is about: the words its text is mostly made of, so word frequencies vary by article. */
export interface Writer {
  random: Random;
  topic: readonly string[];
}

/**
 * A topic of 18-30 content words, common ones more likely. Drawing the text from a per-article
 * topic (rather than the whole list) gives realistic document frequencies: the commonest words
 * are in roughly a third of the articles, most others in a few per cent.
 */
export function topicWords(random: Random): string[] {
  const topic = new Set<string>();
  for (let size = random.int(18, 30); topic.size < size; ) topic.add(random.pickSkewed(contentWords, 1.5));
  return [...topic];
}

/** A run of words: about a third glue words, a few everyday ones, the rest from the topic. */
export function phrase({ random, topic }: Writer, count: number): string {
  const out: string[] = [];
  for (let i = 0; i < count; i += 1) {
    // One roll per word; the first word of a phrase is never a glue word.
    const roll = i === 0 ? 0.35 + random.next() * 0.65 : random.next();
    if (roll < 0.35) out.push(random.pickSkewed(functionWords, 1.5));
    else if (roll < 0.42) out.push(random.pick(everydayWords));
    else if (roll < 0.48) out.push(random.pick(linkingWords));
    else out.push(random.pickSkewed(topic, 1.3));
  }
  return out.join(' ');
}

export function sentence(writer: Writer, min: number, max: number): string {
  return `${capitalise(phrase(writer, writer.random.int(min, max)))}.`;
}

export function paragraph(writer: Writer): string {
  const target = writer.random.int(40, 110);
  const sentences: string[] = [];
  for (let words = 0; words < target; ) {
    const length = Math.min(writer.random.int(8, 22), Math.max(target - words, 5));
    sentences.push(sentence(writer, length, length));
    words += length;
  }
  return sentences.join(' ');
}

export function person(random: Random): string {
  return `${random.pick(firstNames)} ${random.pick(lastNames)}`;
}
