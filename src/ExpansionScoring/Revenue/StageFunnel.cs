using ExpansionScoring.Internal;

namespace ExpansionScoring.Revenue;

/// <summary>The stages an expansion deal moves through (SPEC §12), in order; a deal ends Closed won or Closed lost.</summary>
public enum ExpansionStage
{
    /// <summary>The opportunity was identified.</summary>
    Identified = 0,

    /// <summary>The opportunity was qualified.</summary>
    Qualified = 1,

    /// <summary>The business case was delivered.</summary>
    BusinessCaseDelivered = 2,

    /// <summary>The customer is reviewing the proposal.</summary>
    InReview = 3,

    /// <summary>Closed won.</summary>
    ClosedWon = 4,

    /// <summary>Closed lost.</summary>
    ClosedLost = 5,
}

/// <summary>One expansion deal and the day it entered each stage it reached. Immutable.</summary>
public sealed record ExpansionDeal
{
    /// <summary>Gets the deal's identifier.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the day the deal was identified.</summary>
    public required DateOnly Identified { get; init; }

    /// <summary>Gets the day the deal was qualified. <value>The default value is <see langword="null"/>.</value></summary>
    public DateOnly? Qualified { get; init; }

    /// <summary>Gets the day the business case was delivered. <value>The default value is <see langword="null"/>.</value></summary>
    public DateOnly? BusinessCaseDelivered { get; init; }

    /// <summary>Gets the day the deal went into review. <value>The default value is <see langword="null"/>.</value></summary>
    public DateOnly? InReview { get; init; }

    /// <summary>Gets the day the deal closed won. <value>The default value is <see langword="null"/>.</value></summary>
    public DateOnly? ClosedWon { get; init; }

    /// <summary>Gets the day the deal closed lost. <value>The default value is <see langword="null"/>.</value></summary>
    public DateOnly? ClosedLost { get; init; }

    /// <summary>Gets the day the deal entered <paramref name="stage"/>, when recorded.</summary>
    /// <param name="stage">The stage.</param>
    /// <returns>The day, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stage"/> is undefined.</exception>
    public DateOnly? DateOf(ExpansionStage stage) => Guard.Defined(stage) switch
    {
        ExpansionStage.Identified => Identified,
        ExpansionStage.Qualified => Qualified,
        ExpansionStage.BusinessCaseDelivered => BusinessCaseDelivered,
        ExpansionStage.InReview => InReview,
        ExpansionStage.ClosedWon => ClosedWon,
        _ => ClosedLost,
    };
}

/// <summary>One open stage of the funnel: how many deals reached it, moved on, were lost in it or still sit in it. Immutable.</summary>
public sealed record StageMetrics
{
    /// <summary>Gets the stage.</summary>
    public ExpansionStage Stage { get; init; }

    /// <summary>Gets the deals that reached the stage (a deal with a later stage recorded reached every earlier one).</summary>
    public int Entered { get; init; }

    /// <summary>Gets the deals that moved on to the next stage (from In review: Closed won).</summary>
    public int Advanced { get; init; }

    /// <summary>Gets the deals lost while in this stage.</summary>
    public int Lost { get; init; }

    /// <summary>Gets the open deals still in this stage.</summary>
    public int Open { get; init; }

    /// <summary>Gets the conversion: <see cref="Advanced"/> / (<see cref="Advanced"/> + <see cref="Lost"/>), the deals that left the stage; <see langword="null"/> when none has.</summary>
    public double? Conversion { get; init; }

    /// <summary>
    /// Gets the median days in the stage, over the deals that left it with both days recorded: to the next stage's day
    /// when they moved on, to the Closed-lost day when lost here; <see langword="null"/> when there are none.
    /// </summary>
    public double? MedianDays { get; init; }
}

/// <summary>
/// The expansion stage funnel (SPEC §12): Identified → Qualified → Business case delivered → In review → Closed won /
/// lost, with conversion and median cycle time per stage. Immutable.
/// </summary>
public sealed record StageFunnel
{
    private static readonly ExpansionStage[] OpenStages = [ExpansionStage.Identified, ExpansionStage.Qualified, ExpansionStage.BusinessCaseDelivered, ExpansionStage.InReview];

    /// <summary>Gets the four open stages, in order.</summary>
    public required IReadOnlyList<StageMetrics> Stages { get; init; }

    /// <summary>Gets the number of deals.</summary>
    public int Deals { get; init; }

    /// <summary>Gets the deals closed won.</summary>
    public int Won { get; init; }

    /// <summary>Gets the deals closed lost.</summary>
    public int Lost { get; init; }

    /// <summary>Gets the deals still open.</summary>
    public int Open { get; init; }

    /// <summary>Gets won / (won + lost); <see langword="null"/> before any deal closed.</summary>
    public double? WinRate { get; init; }

    /// <summary>Gets the median days from Identified to Closed won over won deals; <see langword="null"/> without any.</summary>
    public double? MedianDaysToWin { get; init; }

    /// <summary>Builds the funnel of a set of deals.</summary>
    /// <param name="deals">The deals.</param>
    /// <returns>The funnel.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="deals"/> or a deal is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A deal is both won and lost, or its stage days go backwards.</exception>
    public static StageFunnel Compute(IEnumerable<ExpansionDeal> deals)
    {
        Guard.NotNull(deals);
        int n = OpenStages.Length;
        int[] entered = new int[n], advanced = new int[n], lost = new int[n], open = new int[n];
        var days = Enumerable.Range(0, n).Select(_ => new List<double>()).ToArray();
        var daysToWin = new List<double>();
        int count = 0, won = 0, lostTotal = 0;
        foreach (var deal in deals)
        {
            Guard.NotNull(deal, nameof(deals));
            Validate(deal);
            count++;

            // The furthest open stage the deal reached: the last one with a day, or In review when it was won.
            int furthest = 0;
            for (int s = 0; s < n; s++)
            {
                if (deal.DateOf(OpenStages[s]) is not null)
                {
                    furthest = s;
                }
            }

            if (deal.ClosedWon is not null)
            {
                furthest = n - 1;
                won++;
                daysToWin.Add(deal.ClosedWon.Value.DayNumber - deal.Identified.DayNumber);
            }
            else if (deal.ClosedLost is not null)
            {
                lostTotal++;
            }

            for (int s = 0; s <= furthest; s++)
            {
                entered[s]++;
                bool movedOn = s < furthest || deal.ClosedWon is not null;
                DateOnly? from = deal.DateOf(OpenStages[s]);
                if (movedOn)
                {
                    advanced[s]++;
                    DateOnly? to = s < n - 1 ? deal.DateOf(OpenStages[s + 1]) : deal.ClosedWon;
                    if (from is { } f && to is { } t)
                    {
                        days[s].Add(t.DayNumber - f.DayNumber);
                    }
                }
                else if (deal.ClosedLost is { } lostOn)
                {
                    lost[s]++;
                    if (from is { } f)
                    {
                        days[s].Add(lostOn.DayNumber - f.DayNumber);
                    }
                }
                else
                {
                    open[s]++;
                }
            }
        }

        var stages = new StageMetrics[n];
        for (int s = 0; s < n; s++)
        {
            int left = advanced[s] + lost[s];
            stages[s] = new StageMetrics
            {
                Stage = OpenStages[s],
                Entered = entered[s],
                Advanced = advanced[s],
                Lost = lost[s],
                Open = open[s],
                Conversion = left > 0 ? (double)advanced[s] / left : null,
                MedianDays = Median(days[s]),
            };
        }

        return new StageFunnel
        {
            Stages = stages,
            Deals = count,
            Won = won,
            Lost = lostTotal,
            Open = count - won - lostTotal,
            WinRate = won + lostTotal > 0 ? (double)won / (won + lostTotal) : null,
            MedianDaysToWin = Median(daysToWin),
        };
    }

    private static void Validate(ExpansionDeal deal)
    {
        if (deal.ClosedWon is not null && deal.ClosedLost is not null)
        {
            throw new ArgumentException($"Deal '{deal.Id}' is both closed won and closed lost.", "deals");
        }

        DateOnly last = deal.Identified;
        foreach (var stage in new[] { ExpansionStage.Qualified, ExpansionStage.BusinessCaseDelivered, ExpansionStage.InReview, ExpansionStage.ClosedWon, ExpansionStage.ClosedLost })
        {
            if (deal.DateOf(stage) is { } d)
            {
                if (d < last)
                {
                    throw new ArgumentException($"Deal '{deal.Id}' entered {stage} on {d:yyyy-MM-dd}, before an earlier stage ({last:yyyy-MM-dd}).", "deals");
                }

                last = d;
            }
        }
    }

    private static double? Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        int mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
