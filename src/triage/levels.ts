/**
 * Levels of need 1 to 4 (seed 003). The table in seed 003 'clarifies the threshold between
 * levels, whilst recognising that every family member is unique and decisions concerning level
 * of need require reflection, discussion and professional judgement', so the count of
 * presenting issues only ever suggests a level; the triage manager decides.
 */
export type LevelOfNeed = 1 | 2 | 3 | 4;

export interface LevelOfNeedDefinition {
  level: LevelOfNeed;
  name: string;
  descriptor: string;
  /** The typical number of presenting issues, as seed 003 puts it. */
  presentingIssues: string;
}

export const LEVELS_OF_NEED: readonly LevelOfNeedDefinition[] = [
  {
    level: 1,
    name: 'Universal',
    descriptor:
      'Core needs met by universal services. Support increases protective factors and lowers risk, so problems are dealt with informally and quickly without specialist help.',
    presentingIssues: 'Core needs only',
  },
  {
    level: 2,
    name: 'Targeted or emerging needs',
    descriptor:
      'Emerging needs where a range of early help services may be needed, coordinated through an early help assessment, because there are concerns for the child’s well-being or their needs are not clear, not known or not being met.',
    presentingIssues: 'About 1 to 2 presenting issues',
  },
  {
    level: 3,
    name: 'Complex or intensive',
    descriptor:
      'Multiple needs that need complex, intensive support. Without it, life chances will be significantly impaired.',
    presentingIssues: 'About 3 to 8 presenting issues in the family',
  },
  {
    level: 4,
    name: 'Statutory',
    descriptor:
      'The child has suffered, or is likely to suffer, significant harm from abuse or neglect: child protection, care proceedings, child in need or youth justice orders.',
    presentingIssues: 'Significant harm, whatever the number of issues',
  },
];

export function levelOfNeed(level: number): LevelOfNeedDefinition | undefined {
  return LEVELS_OF_NEED.find((definition) => definition.level === level);
}

/**
 * The level of need suggested by the number of presenting issues (seed 003): none suggests
 * level 1, about 1 to 2 level 2, about 3 to 8 level 3, and more than 8 still level 3. Level 4
 * is about significant harm, not a count, so it is never suggested. A suggestion only.
 */
export function suggestedLevel(presentingIssueCount: number): 1 | 2 | 3 {
  if (!Number.isInteger(presentingIssueCount) || presentingIssueCount < 0) {
    throw new Error(
      `Invalid number of presenting issues "${presentingIssueCount}": expected a whole number, 0 or more`,
    );
  }
  if (presentingIssueCount === 0) return 1;
  return presentingIssueCount <= 2 ? 2 : 3;
}

/** 'Suggested level 3 (complex or intensive): 4 presenting issues. …' for the triage page. */
export function describeSuggestedLevel(presentingIssueCount: number): string {
  const level = suggestedLevel(presentingIssueCount);
  const name = levelOfNeed(level)?.name.toLowerCase();
  const issues = `${presentingIssueCount} presenting ${presentingIssueCount === 1 ? 'issue' : 'issues'}`;
  return `Suggested level ${level} (${name}): ${issues}. This is a suggestion only; decide the level from everything you know about the family.`;
}
