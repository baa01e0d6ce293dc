"""What the numbers say, honestly: statistics for evaluation, with scipy.

Every figure carries its n. Figures are withheld (counts only, with the reason) below the
minimums: `MIN_FEEDBACK_RESPONSES` for a session's feedback (also so that nobody's answers
can be picked out), `MIN_MATCHED_PAIRS` for a pre/post change. Caveats go with the figures.

Pre/post changes use matched pairs only: each person's score before and after (the mean of
their answers to an outcome's items). The change is the mean of the differences with its 95%
confidence interval from the t distribution, and the effect size is the standardised mean
difference of paired scores (Cohen's d_z: mean difference over the differences' standard
deviation), with its 95% confidence interval from the noncentral t distribution.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import optimize, special

MIN_FEEDBACK_RESPONSES = 3
MIN_MATCHED_PAIRS = 5
CONFIDENCE = 0.95

CAVEATS = (
    "Answers are self-reported: they say what participants think, not what an observer saw.",
    "There is no comparison group, so a change cannot be put down to the Work Group alone.",
)


def median(values: Sequence[float]) -> float | None:
    return float(np.median(values)) if len(values) else None


def rate(part: int, whole: int) -> float | None:
    """A proportion, or None when there is nobody to count."""
    return part / whole if whole else None


def percent(part: int, whole: int) -> str:
    """ "12 of 20 (60%)", or "none asked" when `whole` is 0."""
    if not whole:
        return "none asked"
    return f"{part} of {whole} ({round(100 * part / whole)}%)"


@dataclass(frozen=True)
class PairedStats:
    n: int
    mean_before: float
    mean_after: float
    mean_change: float
    change_ci: tuple[float, float] | None
    effect_size: float | None
    effect_ci: tuple[float, float] | None


def paired_stats(before: Sequence[float], after: Sequence[float]) -> PairedStats:
    """Statistics of matched pairs (`before[i]` and `after[i]` are one person's). Intervals
    need at least two pairs, and an effect size needs differences that vary."""
    if len(before) != len(after):
        raise ValueError("Paired scores must come in pairs.")
    n = len(before)
    if n == 0:
        raise ValueError("No pairs.")
    first = np.asarray(before, dtype=float)
    second = np.asarray(after, dtype=float)
    differences = second - first
    mean_change = float(differences.mean())
    change_ci: tuple[float, float] | None = None
    effect_size: float | None = None
    effect_ci: tuple[float, float] | None = None
    if n >= 2:
        spread = float(differences.std(ddof=1))
        if spread > 0:
            # The paired t test's statistic and interval, as stats.ttest_rel gives them (a
            # test checks they agree), with scipy's t quantile but without ttest_rel's
            # per-call overhead: roll-ups work out hundreds of these per page.
            standard_error = spread / math.sqrt(n)
            margin = float(special.stdtrit(n - 1, (1 + CONFIDENCE) / 2)) * standard_error
            change_ci = (mean_change - margin, mean_change + margin)
            effect_size = mean_change / spread
            effect_ci = _effect_size_interval(mean_change / standard_error, n)
        else:
            # Everyone changed by the same amount: the interval is that amount.
            change_ci = (mean_change, mean_change)
    return PairedStats(
        n=n,
        mean_before=float(first.mean()),
        mean_after=float(second.mean()),
        mean_change=mean_change,
        change_ci=change_ci,
        effect_size=effect_size,
        effect_ci=effect_ci,
    )


def _effect_size_interval(t_statistic: float, n: int) -> tuple[float, float]:
    """The interval for d_z = t / sqrt(n): the noncentrality parameters of the noncentral t
    distribution (n − 1 degrees of freedom) under which the observed t sits at the upper and
    lower tail, scaled by sqrt(n)."""
    df = n - 1
    tail = (1 - CONFIDENCE) / 2

    def at_quantile(probability: float) -> float:
        def gap(noncentrality: float) -> float:
            # The noncentral t cdf (what stats.nct.cdf calls, without its slow checks).
            value = float(special.nctdtr(df, noncentrality, t_statistic))
            if math.isnan(value):
                # Far in a tail scipy can fail to evaluate (a NaN): there the cdf is 1 below
                # the observed t and 0 above it.
                value = 1.0 if noncentrality < t_statistic else 0.0
            return value - probability

        # The cdf falls as the noncentrality rises; widen the bracket until it holds a root.
        # The root is about 2 standard errors of t from t (se ≈ √(1 + t²/2df)).
        width = 1.0 + 3 * math.sqrt(1 + t_statistic * t_statistic / (2 * df))
        low, high = t_statistic - width, t_statistic + width
        while gap(low) < 0:
            low -= width
        while gap(high) > 0:
            high += width
        return float(optimize.brentq(gap, low, high, xtol=1e-10))

    root_n = math.sqrt(n)
    return (at_quantile(1 - tail) / root_n, at_quantile(tail) / root_n)


def describe_effect(effect_size: float) -> str:
    """Cohen's plain labels for the size of a standardised difference."""
    size = abs(effect_size)
    if size < 0.2:
        return "negligible"
    if size < 0.5:
        return "small"
    if size < 0.8:
        return "medium"
    return "large"


def number(value: float) -> str:
    """One decimal place, without a trailing ".0" on whole numbers' negatives of zero."""
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def change_sentence(
    *, what: str, scale_points: int | None, paired: PairedStats, people: str = "teachers"
) -> str:
    """ "Confidence in X rose by 1.2 points on a 7-point scale (12 teachers who answered both;
    95% CI 0.8 to 1.6)." `what` starts the sentence."""
    change = paired.mean_change
    if round(change, 1) == 0:
        movement = "stayed about the same"
    elif change > 0:
        movement = f"rose by {number(change)} points"
    else:
        movement = f"fell by {number(-change)} points"
    scale = f" on a {scale_points}-point scale" if scale_points else ""
    who = f"{paired.n} {people} who answered both"
    if paired.change_ci is not None:
        low, high = paired.change_ci
        who += f"; 95% CI {number(low)} to {number(high)}"
    return f"{what} {movement}{scale} ({who})."
