// What if: try other rates or one school's units and see the totals move; nothing is saved
// [issue 8; seed 001].
import type { Response } from 'express';
import type { Db } from '../db/connection.ts';
import type { RouteTable } from '../platform/permissions.ts';
import type { ErrorItem, FieldErrors } from '../platform/validation.ts';
import { calculatedYear, emptyReason, type FundingYear } from './paper.ts';
import { rateFields, readWhatIf, startingValues, whatIf, type WhatIfResult } from './what-if.ts';
import { FUNDING_WRITERS, PHASE_NAMES } from './year-rules.ts';

interface Shown {
  values: Record<string, string>;
  result?: WhatIfResult;
  errors?: ErrorItem[];
  fieldErrors?: FieldErrors;
}

function render(res: Response, year: FundingYear, shown: Shown, status = 200) {
  const empty = emptyReason(year);
  res.status(status).render('funding/what-if', {
    title: `What if: de-delegation ${year.year}`,
    year: year.year,
    empty,
    groups: empty ? [] : rateFields(year),
    schools: year.schools
      .map((school) => ({
        value: String(school.urn),
        text: `${school.name} (${PHASE_NAMES[school.phase].toLowerCase()}, URN ${school.urn})`,
      }))
      .sort((a, b) => a.text.localeCompare(b.text)),
    factors: year.factors.map((factor) => ({ value: factor.key, text: factor.name })),
    ...shown,
  });
}

export function whatIfRoutes(routes: RouteTable, db: Db) {
  routes.get('/funding/:year/what-if', FUNDING_WRITERS, async (req, res) => {
    const { year } = await calculatedYear(db, String(req.params.year));
    render(res, year, { values: startingValues(year) });
  });

  routes.post('/funding/:year/what-if', FUNDING_WRITERS, async (req, res) => {
    const { year } = await calculatedYear(db, String(req.params.year));
    if (emptyReason(year)) return render(res, year, { values: startingValues(year) });
    const checked = readWhatIf(year, req.body ?? {});
    if (!checked.ok)
      return render(
        res,
        year,
        { values: checked.values, errors: checked.errors, fieldErrors: checked.fieldErrors },
        400,
      );
    render(res, year, { values: checked.values, result: whatIf(year, checked.change) });
  });
}
