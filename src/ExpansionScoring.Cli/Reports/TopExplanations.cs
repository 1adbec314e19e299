namespace ExpansionScoring.Cli.Reports;

/// <summary>
/// The explanations (rationale, confidence) of the accounts that can be among the portfolio's top offers: the
/// <see cref="Capacity"/> best in the order of <see cref="Portfolio.TopOffers"/> (<see cref="TopOffer.CompareRanks"/>),
/// so every top offer finds its explanation. Memory does not grow with the book.
/// </summary>
internal sealed class TopExplanations(ScoringModel model, DateOnly asOf, int capacity)
{
    private readonly PriorityQueue<ScoredAccount, ScoredAccount> best = new(Comparer<ScoredAccount>.Create((a, b) => Rank(b, a)));

    public int Capacity { get; } = Math.Max(capacity, 1);

    public void Add(Account account)
    {
        var score = model.Score(account, asOf);
        if (best.Count >= Capacity && best.TryPeek(out var worst, out _)
            && Rank(score.Opportunity, score.Probability, account.Id, worst.Opportunity, worst.Probability, worst.AccountId) >= 0)
        {
            return;
        }

        var explained = model.Explain(account, asOf);
        if (best.Count < Capacity)
        {
            best.Enqueue(explained, explained);
        }
        else
        {
            best.DequeueEnqueue(explained, explained);
        }
    }

    /// <summary>Gets the explanation of a top offer's account, or <see langword="null"/> when it was not kept.</summary>
    public ScoredAccount? Find(TopOffer offer)
        => best.UnorderedItems.Select(x => x.Element).FirstOrDefault(a => string.Equals(a.AccountId, offer.AccountId, StringComparison.Ordinal));

    private static int Rank(ScoredAccount a, ScoredAccount b) => Rank(a.Opportunity, a.Probability, a.AccountId, b.Opportunity, b.Probability, b.AccountId);

    private static int Rank(double opportunityA, double probabilityA, string idA, double opportunityB, double probabilityB, string idB)
        => TopOffer.CompareRanks(opportunityA, probabilityA, idA, opportunityB, probabilityB, idB);
}
