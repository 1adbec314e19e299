using ExpansionScoring.Columnar;
using ExpansionScoring.Internal;
using ExpansionScoring.Reporting;
using ExpansionScoring.Signals;
using ExpansionScoring.Windows;

namespace ExpansionScoring;

/// <summary>
/// Summarises a book of scored accounts into a <see cref="Portfolio"/> one account at a time, in memory that does not
/// grow with the book: totals, per band, per window, gated, the top N offers and the report card's sums (plus one
/// heatmap cell per account only when <see cref="PortfolioOptions.IncludeHeatmap"/> is on).
/// </summary>
/// <remarks>
/// Accumulators of disjoint parts of a book <see cref="Merge"/> into exactly the accumulator of the whole, in any
/// grouping and order: counts are integers and money is summed exactly (each amount rounded once to a millionth), so
/// score partitions in parallel, one accumulator each, and merge. An accumulator is not thread-safe.
/// </remarks>
public sealed class PortfolioAccumulator
{
    private static readonly int WindowCount = Enum.GetValues<PitchWindow>().Length;

    /// <summary>The relative margin under the worst kept offer within which a batch row is still scored whole for the top offers.</summary>
    private const double TopSlack = 1e-9;

    private readonly ScoringModel model;
    private readonly int topN;
    private readonly bool includeHeatmap;
    private readonly string currencySymbol;
    private readonly ReportCardSettings reportSettings;
    private readonly ReportCardTally tally;
    private readonly int[] bandCount;
    private readonly ExactSum[] bandArr;
    private readonly ExactSum[] bandOpportunity;
    private readonly int[] windowCount = new int[WindowCount];
    private readonly ExactSum[] windowArr = new ExactSum[WindowCount];
    private readonly ExactSum[] windowOpportunity = new ExactSum[WindowCount];
    private readonly PriorityQueue<TopOffer, TopOffer> top;

    // The account behind each offer in the heap, so the few that end up on top are explained once, in ToPortfolio.
    private readonly Dictionary<TopOffer, Account> topAccounts = new(ReferenceEqualityComparer.Instance);
    private readonly List<HeatmapCell>? cells;
    private readonly double[] values;

    private int count;
    private ExactSum arr;
    private ExactSum pipeline;
    private int gatedCount;
    private ExactSum gatedArr;
    private int overriddenCount;

    /// <summary>Initializes a new instance of the <see cref="PortfolioAccumulator"/> class.</summary>
    /// <param name="model">The model the added scores come from.</param>
    /// <param name="asOf">The date the added scores were scored as of.</param>
    /// <param name="options">The options; <see langword="null"/> for the defaults. Read once, here.</param>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ScoringConfigurationException">The options are invalid; the message lists every problem.</exception>
    public PortfolioAccumulator(ScoringModel model, DateOnly asOf, PortfolioOptions? options = null)
    {
        this.model = Guard.NotNull(model);
        options ??= new PortfolioOptions();
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ScoringConfigurationException(errors);
        }

        AsOf = asOf;
        topN = options.TopN;
        includeHeatmap = options.IncludeHeatmap;
        currencySymbol = options.CurrencySymbol;
        reportSettings = new ReportCardSettings(options.ReportCard);
        tally = new ReportCardTally(model, reportSettings);
        int bands = model.Bands.Count;
        bandCount = new int[bands];
        bandArr = new ExactSum[bands];
        bandOpportunity = new ExactSum[bands];

        // A min-heap whose root is the worst offer kept; one more than N would be pointless, one is kept for the headline.
        top = new PriorityQueue<TopOffer, TopOffer>(Comparer<TopOffer>.Create((a, b) => TopOffer.CompareRank(b, a)));
        cells = includeHeatmap ? [] : null;
        values = new double[model.Signals.Count];
    }

    /// <summary>Gets the model the added scores come from.</summary>
    public ScoringModel Model => model;

    /// <summary>Gets the date the added scores were scored as of.</summary>
    public DateOnly AsOf { get; }

    /// <summary>Gets the number of accounts added so far.</summary>
    public int Count => count;

    private int TopCapacity => Math.Max(topN, 1);

    /// <summary>Scores an account with the accumulator's model and date, and adds it.</summary>
    /// <param name="account">The account.</param>
    /// <exception cref="ArgumentNullException"><paramref name="account"/> is <see langword="null"/>.</exception>
    /// <exception cref="OverflowException">An amount is beyond ±10^31, where exact summing stops.</exception>
    public void Add(Account account)
    {
        Guard.NotNull(account);
        Add(model.Score(account, AsOf));
    }

    /// <summary>
    /// Adds a scored account. The score must come from this accumulator's <see cref="Model"/> scored as of
    /// <see cref="AsOf"/>; the account's signals are re-read from that model for the report card.
    /// </summary>
    /// <param name="score">The score.</param>
    /// <exception cref="ArgumentException"><paramref name="score"/> is <c>default</c> (it has no account).</exception>
    /// <exception cref="OverflowException">An amount is beyond ±10^31, where exact summing stops.</exception>
    public void Add(in AccountScore score)
    {
        var account = score.Account ?? throw new ArgumentException("The score is default(AccountScore); it has no account.", nameof(score));
        if (score.BandIndex < 0 || score.BandIndex >= bandCount.Length || (int)score.EffectiveWindow >= WindowCount)
        {
            throw new ArgumentException("The score does not come from this accumulator's model.", nameof(score));
        }

        model.ReadSignalValues(account, AsOf, values);
        double a = account.Arr, opportunity = score.Opportunity;
        count = checked(count + 1);
        arr.Add(a);
        pipeline.Add(opportunity);
        int b = score.BandIndex;
        bandCount[b]++;
        bandArr[b].Add(a);
        bandOpportunity[b].Add(opportunity);
        int w = (int)score.EffectiveWindow;
        windowCount[w]++;
        windowArr[w].Add(a);
        windowOpportunity[w].Add(opportunity);
        if (score.IsGated)
        {
            gatedCount++;
            gatedArr.Add(a);
        }

        if (score.IsWindowOverridden)
        {
            overriddenCount++;
        }

        if (opportunity > 0)
        {
            Offer(score);
        }

        tally.Add(score, values);
        cells?.Add(Heatmap.CreateCell(model, score, values));
    }

    /// <summary>
    /// Adds a batch that <see cref="Model"/> scored with
    /// <see cref="ScoringModel.ScoreBatch(AccountColumns, DateOnly, ScoreColumns)"/> as of <see cref="AsOf"/>, from its
    /// outcome columns: the same as adding each account's score, without scoring or reading any account again.
    /// </summary>
    /// <param name="accounts">The batch's accounts, as scored.</param>
    /// <param name="scores">The batch's results; <see cref="ScoreColumns.Probability"/>, <see cref="ScoreColumns.Opportunity"/> and <see cref="ScoreColumns.Outcome"/> are required.</param>
    /// <param name="account">
    /// Gives the account of row <c>i</c>, as it was read; called only for the few rows that enter the top offers, for
    /// their name and offer label.
    /// </param>
    /// <remarks>There are no window overrides on the batch path: each account's effective window is its computed window.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="account"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A required result column is shorter than the batch, or the model has no batch path (<see cref="ScoringPath.General"/>).</exception>
    /// <exception cref="OverflowException">An amount is beyond ±10^31, where exact summing stops.</exception>
    public void Add(AccountColumns accounts, ScoreColumns scores, Func<int, Account> account)
    {
        Guard.NotNull(account);
        int n = accounts.Count;
        if (scores.Probability.Length < n || scores.Opportunity.Length < n || scores.Outcome.Length < n)
        {
            throw new ArgumentException("The probability, opportunity and outcome columns must each hold the batch's accounts.", nameof(scores));
        }

        if (model.BatchPath == ScoringPath.General)
        {
            throw new ArgumentException($"The model has no batch path ({model.BatchPathFallbackReason}); add the accounts one by one.", nameof(accounts));
        }

        var keys = model.Signals;
        int planFit = IndexOf(keys, SignalKey.PlanFit);
        Span<double> row = stackalloc double[keys.Count];
        for (int i = 0; i < n; i++)
        {
            var outcome = scores.Outcome[i];
            double a = accounts.Arr[i], opportunity = scores.Opportunity[i];
            int b = outcome.BandIndex, w = (int)outcome.Window;
            count = checked(count + 1);

            // Each amount is rounded to its millionths once, then added to every sum it belongs to.
            var exactArr = ExactSum.Of(a);
            var exactOpportunity = ExactSum.Of(opportunity);
            arr.Add(exactArr);
            pipeline.Add(exactOpportunity);
            bandCount[b]++;
            bandArr[b].Add(exactArr);
            bandOpportunity[b].Add(exactOpportunity);
            windowCount[w]++;
            windowArr[w].Add(exactArr);
            windowOpportunity[w].Add(exactOpportunity);
            if (outcome.IsGated)
            {
                gatedCount++;
                gatedArr.Add(exactArr);
            }

            if (cells is not null)
            {
                // The heatmap keeps a cell per account, so each is scored whole anyway.
                var whole = account(i);
                var score = model.Score(whole, AsOf);
                model.ReadSignalValues(whole, AsOf, values);
                cells.Add(Heatmap.CreateCell(model, score, values));
                if (opportunity > 0)
                {
                    Offer(score);
                }
            }
            else if (opportunity > 0 && MightEnterTop(opportunity))
            {
                // Rare: the account is scored once more, whole, for the offer's label and the exact ranking by id.
                var whole = account(i);
                var score = model.Score(whole, AsOf);
                model.ReadSignalValues(whole, AsOf, values);
                Offer(score);
            }

            row.Fill(double.NaN);

            // The built-in signals by id: every model reads them first, in id order, so slot id is the signal with that id.
            for (int id = 0; id < BuiltInSignals.Count; id++)
            {
                Put(row, id, accounts.Signal(id), i);
            }

            double saturation = accounts.SeatSaturation.IsEmpty ? double.NaN : accounts.SeatSaturation[i];
            if (planFit >= 0 && double.IsNaN(row[planFit]) && !double.IsNaN(saturation))
            {
                // As the batch path reads a missing PlanFit (and the default scorer derives it): from the seat saturation.
                row[planFit] = DefaultSignalScorers.PlanFitOf(Math.Max(0.0, saturation));
            }

            // Without a segment column every account has the default segment (SPEC §3).
            var segment = accounts.Segment.IsEmpty ? Account.DefaultSegment : accounts.Segment[i];
            tally.Add(segment, a, opportunity, b, outcome.IsGated, outcome.Window, saturation, row);
        }
    }

    /// <summary>
    /// Adds everything <paramref name="other"/> has accumulated. Afterwards this accumulator equals one that had been
    /// given both parts' accounts; <paramref name="other"/> is unchanged.
    /// </summary>
    /// <param name="other">An accumulator of a disjoint part of the book, with the same model, date and options.</param>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="other"/> is this accumulator, or has another as-of date, model or options.</exception>
    public void Merge(PortfolioAccumulator other)
    {
        Guard.NotNull(other);
        if (ReferenceEquals(other, this))
        {
            throw new ArgumentException("An accumulator cannot be merged into itself.", nameof(other));
        }

        if (other.AsOf != AsOf)
        {
            throw new ArgumentException($"Cannot merge a portfolio as of {other.AsOf:yyyy-MM-dd} into one as of {AsOf:yyyy-MM-dd}.", nameof(other));
        }

        if (!ReferenceEquals(other.model, model))
        {
            throw new ArgumentException("Cannot merge portfolios scored by different models.", nameof(other));
        }

        if (other.topN != topN || other.includeHeatmap != includeHeatmap || other.currencySymbol != currencySymbol || !other.reportSettings.Equals(reportSettings))
        {
            throw new ArgumentException("Cannot merge portfolios built with different options.", nameof(other));
        }

        count = checked(count + other.count);
        arr.Add(other.arr);
        pipeline.Add(other.pipeline);
        for (int b = 0; b < bandCount.Length; b++)
        {
            bandCount[b] += other.bandCount[b];
            bandArr[b].Add(other.bandArr[b]);
            bandOpportunity[b].Add(other.bandOpportunity[b]);
        }

        for (int w = 0; w < WindowCount; w++)
        {
            windowCount[w] += other.windowCount[w];
            windowArr[w].Add(other.windowArr[w]);
            windowOpportunity[w].Add(other.windowOpportunity[w]);
        }

        gatedCount += other.gatedCount;
        gatedArr.Add(other.gatedArr);
        overriddenCount += other.overriddenCount;
        foreach (var (offer, _) in other.top.UnorderedItems)
        {
            Offer(offer, other.topAccounts[offer]);
        }

        tally.Merge(other.tally);
        if (cells is not null && other.cells is not null)
        {
            cells.AddRange(other.cells);
        }
    }

    /// <summary>Builds the portfolio of everything added so far. The accumulator can go on accumulating.</summary>
    /// <returns>The immutable portfolio.</returns>
    public Portfolio ToPortfolio()
    {
        var bands = new Dictionary<string, PortfolioBucket>(bandCount.Length, StringComparer.OrdinalIgnoreCase);
        for (int b = 0; b < bandCount.Length; b++)
        {
            bands[model.Bands[b].Name] = Bucket(bandCount[b], bandArr[b], bandOpportunity[b]);
        }

        var windows = new Dictionary<PitchWindow, PortfolioBucket>(WindowCount);
        for (int w = 0; w < WindowCount; w++)
        {
            windows[(PitchWindow)w] = Bucket(windowCount[w], windowArr[w], windowOpportunity[w]);
        }

        var ranked = top.UnorderedItems.Select(x => x.Element).ToList();
        ranked.Sort(TopOffer.CompareRank);
        string headline = ranked.Count > 0
            ? $"Pitch {ranked[0].Name} next — {Money.Compact(ranked[0].Opportunity, currencySymbol)} on the table"
            : "No offer on the table yet — nurture the book";

        // Only the offers shown are explained, once each.
        if (ranked.Count > topN)
        {
            ranked.RemoveRange(topN, ranked.Count - topN);
        }

        for (int i = 0; i < ranked.Count; i++)
        {
            ranked[i] = ranked[i] with { Rationale = model.Explain(topAccounts[ranked[i]], AsOf).Rationale };
        }

        return new Portfolio
        {
            AsOf = AsOf,
            AccountCount = count,
            Arr = arr.Value,
            Pipeline = pipeline.Value,
            Bands = bands,
            Windows = windows,
            Gated = Bucket(gatedCount, gatedArr, default),
            OverriddenCount = overriddenCount,
            TopOffers = ranked,
            Headline = headline,
            ReportCard = tally.Build(),
            Heatmap = cells is null ? null : Heatmap.Sort(cells, Heatmap.Probability),
        };
    }

    private static PortfolioBucket Bucket(int n, ExactSum a, ExactSum opportunity)
        => new() { Count = n, Arr = a.Value, Opportunity = opportunity.Value };

    private void Offer(in AccountScore score)
    {
        if (top.Count >= TopCapacity)
        {
            top.TryPeek(out var worst, out _);
            if (TopOffer.CompareRank(score.Opportunity, score.Probability, score.Account.Id, worst!.Opportunity, worst.Probability, worst.AccountId) >= 0)
            {
                return;
            }
        }

        Offer(new TopOffer
        {
            AccountId = score.Account.Id,
            Name = score.Account.DisplayName,
            Band = score.Band.Name,
            Probability = score.Probability,
            Offer = score.Offer,
            OfferLabel = model.OfferLabel(score, AsOf, values),
            Opportunity = score.Opportunity,
            Arr = score.Account.Arr,
            EffectiveWindow = score.EffectiveWindow,
            Confidence = score.Confidence,
        }, score.Account);
    }

    /// <summary>
    /// Whether an offer from the batch path could rank above the worst one kept. The batch path's dollars may differ from
    /// the general engine's (which the kept offers come from) in the last bits, so every offer within
    /// <see cref="TopSlack"/> of the worst is let through; <see cref="Offer(in AccountScore)"/> then ranks the account's
    /// whole score exactly (dollars, probability, id), as adding the account would.
    /// </summary>
    private bool MightEnterTop(double opportunity)
    {
        if (top.Count < TopCapacity)
        {
            return true;
        }

        top.TryPeek(out var worst, out _);
        return opportunity >= worst!.Opportunity - (TopSlack * worst.Opportunity);
    }

    private static int IndexOf(IReadOnlyList<SignalKey> keys, SignalKey key)
    {
        for (int i = 0; i < keys.Count; i++)
        {
            if (keys[i] == key)
            {
                return i;
            }
        }

        return -1;
    }

    private static void Put(Span<double> row, int slot, ReadOnlySpan<double> column, int i)
    {
        if (slot >= 0 && !column.IsEmpty)
        {
            row[slot] = column[i];
        }
    }

    private void Offer(TopOffer offer, Account account)
    {
        if (top.Count < TopCapacity)
        {
            top.Enqueue(offer, offer);
            topAccounts[offer] = account;
        }
        else if (top.TryPeek(out var worst, out _) && TopOffer.CompareRank(offer, worst) < 0)
        {
            topAccounts.Remove(top.DequeueEnqueue(offer, offer));
            topAccounts[offer] = account;
        }
    }
}
