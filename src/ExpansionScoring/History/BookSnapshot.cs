using ExpansionScoring.Internal;

namespace ExpansionScoring.History;

/// <summary>
/// A book of accounts scored on one date by one model, keyed by account id, with the signal values each score was
/// built from. Compare two snapshots of the same book with <see cref="BookChanges.Compare"/>. Immutable.
/// </summary>
public sealed class BookSnapshot
{
    private readonly Dictionary<string, SnapshotEntry> entries;

    private BookSnapshot(ScoringModel model, DateOnly asOf, Dictionary<string, SnapshotEntry> entries, ExactSum pipeline)
    {
        Model = model;
        AsOf = asOf;
        this.entries = entries;
        PipelineSum = pipeline;
    }

    /// <summary>Gets the model the book was scored with.</summary>
    public ScoringModel Model { get; }

    /// <summary>Gets the date the book was scored as of.</summary>
    public DateOnly AsOf { get; }

    /// <summary>Gets the number of accounts.</summary>
    public int Count => entries.Count;

    /// <summary>Gets the probability-weighted pipeline: the sum of the accounts' opportunities.</summary>
    public double Pipeline => PipelineSum.Value;

    /// <summary>Gets the account ids, in no particular order.</summary>
    public IReadOnlyCollection<string> AccountIds => entries.Keys;

    internal ExactSum PipelineSum { get; }

    /// <summary>Scores a book and keeps the scores and signal values.</summary>
    /// <param name="model">The scoring model.</param>
    /// <param name="accounts">The accounts; ids must be unique (ordinal).</param>
    /// <param name="asOf">The date to score as of.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/>, <paramref name="accounts"/> or an account is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Two accounts share an id.</exception>
    public static BookSnapshot Create(ScoringModel model, IEnumerable<Account> accounts, DateOnly asOf)
    {
        Guard.NotNull(model);
        Guard.NotNull(accounts);
        var entries = new Dictionary<string, SnapshotEntry>(StringComparer.Ordinal);
        var pipeline = default(ExactSum);
        int slots = model.Signals.Count;
        foreach (var account in accounts)
        {
            Guard.NotNull(account, nameof(accounts));
            var score = model.Score(account, asOf);
            double[] values = new double[slots];
            model.ReadSignalValues(account, asOf, values);
            if (!entries.TryAdd(account.Id, new SnapshotEntry(score, values)))
            {
                throw new ArgumentException($"Account id '{account.Id}' appears more than once in the book.", nameof(accounts));
            }

            pipeline.Add(score.Opportunity);
        }

        return new BookSnapshot(model, asOf, entries, pipeline);
    }

    /// <summary>Gets an account's score.</summary>
    /// <param name="accountId">The account id.</param>
    /// <param name="score">The score, when the account is in the book.</param>
    /// <returns><see langword="true"/> when the account is in the book.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="accountId"/> is <see langword="null"/>.</exception>
    public bool TryGetScore(string accountId, out AccountScore score)
    {
        Guard.NotNull(accountId);
        if (entries.TryGetValue(accountId, out var entry))
        {
            score = entry.Score;
            return true;
        }

        score = default;
        return false;
    }

    /// <summary>
    /// Finds, for every account below the top band, the smallest single-signal increase that lifts it into a higher band
    /// (see <see cref="NextBandLift.Find"/>). Ordered by account id.
    /// </summary>
    /// <returns>One entry per account below the top band; <see cref="NextBandLift.Signal"/> is <see langword="null"/> when no single signal suffices.</returns>
    public IReadOnlyList<NextBandLift> NextBandLifts()
    {
        var lifts = new List<NextBandLift>();
        foreach (var id in entries.Keys.Order(StringComparer.Ordinal))
        {
            var entry = entries[id];
            if (entry.Score.BandIndex > 0)
            {
                lifts.Add(NextBandLift.FindFrom(Model, entry.Score, entry.Values, AsOf));
            }
        }

        return lifts;
    }

    internal bool TryGetEntry(string accountId, out SnapshotEntry entry) => entries.TryGetValue(accountId, out entry!);

    internal IEnumerable<KeyValuePair<string, SnapshotEntry>> Entries => entries;
}

/// <summary>One account in a snapshot: its score and the signal values, one per model signal, NaN when missing.</summary>
internal sealed record SnapshotEntry(AccountScore Score, double[] Values);
