namespace ExpansionScoring.Extensions.DependencyInjection;

/// <summary>
/// Scores accounts with the current compiled model of one registration. Thread-safe; inject it anywhere.
/// When the bound configuration changes, the model is rebuilt and swapped atomically: a call that has started
/// finishes on the model it started with, and an invalid change is rejected and logged while the last good model
/// stays in use.
/// </summary>
public interface IExpansionScorer
{
    /// <summary>Gets the registration's name; empty for the default model.</summary>
    string Name { get; }

    /// <summary>
    /// Gets the current compiled model. Read it once and keep the reference to score several accounts on one model;
    /// read it again to pick up a reload.
    /// </summary>
    ScoringModel Model { get; }

    /// <summary>Gets today's date from the registered <see cref="TimeProvider"/>, used when no as-of date is given.</summary>
    DateOnly Today { get; }

    /// <summary>Scores one account on the current model. Allocates nothing.</summary>
    /// <param name="account">The account.</param>
    /// <param name="asOf">The date to score as of; <see langword="null"/> for <see cref="Today"/>.</param>
    /// <returns>The compact result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="account"/> is <see langword="null"/>.</exception>
    AccountScore Score(Account account, DateOnly? asOf = null);

    /// <summary>Scores one account on the current model and explains the result.</summary>
    /// <param name="account">The account.</param>
    /// <param name="asOf">The date to score as of; <see langword="null"/> for <see cref="Today"/>.</param>
    /// <returns>The explained result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="account"/> is <see langword="null"/>.</exception>
    ScoredAccount Explain(Account account, DateOnly? asOf = null);

    /// <summary>Scores and explains a batch of accounts, all on the same model even if a reload happens meanwhile.</summary>
    /// <param name="accounts">The accounts.</param>
    /// <param name="asOf">The date to score as of; <see langword="null"/> for <see cref="Today"/>.</param>
    /// <returns>The explained results, in order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="accounts"/> or one of its items is <see langword="null"/>.</exception>
    IReadOnlyList<ScoredAccount> Explain(IEnumerable<Account> accounts, DateOnly? asOf = null);
}

/// <summary>Gives access to every registered model by name, for hosts that score one account with several models.</summary>
public interface IExpansionScorerProvider
{
    /// <summary>Gets the scorer of a registered model.</summary>
    /// <param name="name">The name given to <c>AddExpansionScoring(name, …)</c>; empty for the default model.</param>
    /// <returns>The scorer; the same instance on every call.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="KeyNotFoundException">No model of that name is registered.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The model's options are invalid; the message lists every problem.</exception>
    IExpansionScorer GetScorer(string name);
}
