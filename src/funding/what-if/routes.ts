// What if: try other rates or one school's units and see the totals move; nothing is saved
// (Havering schools forum report 2024-25).
import type { Response } from 'express';
import type { RouteTable } from '../../platform/permissions.ts';
import { FUNDING_WRITERS } from '../../platform/policies.ts';
import type { ErrorItem, FieldErrors } from '../../platform/validation.ts';
import type { RouteServices } from '../../services.ts';
import { emptyReason, type FundingYear } from '../papers/rules.ts';
import { PHASE_NAMES } from '../rules.ts';
import { rateFields, readWhatIf, startingValues } from './forms.ts';
import { whatIf, type WhatIfResult } from './rules.ts';

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

export function whatIfRoutes(routes: RouteTable, services: RouteServices) {
  const papers = services.fundingPapers;

  routes.get('/funding/:year/what-if', FUNDING_WRITERS, async (req, res) => {
    const { year } = await papers.calculated(String(req.params.year));
    render(res, year, { values: startingValues(year) });
  });

  routes.post('/funding/:year/what-if', FUNDING_WRITERS, async (req, res) => {
    const { year } = await papers.calculated(String(req.params.year));
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
