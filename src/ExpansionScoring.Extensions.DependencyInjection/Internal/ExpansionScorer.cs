using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ExpansionScoring.Extensions.DependencyInjection.Internal;

/// <summary>Holds one model's current compiled model and swaps it atomically when its options change.</summary>
internal sealed class ExpansionScorer : IExpansionScorer, IDisposable
{
    private readonly ScoringPlugins plugins;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;
    private readonly IDisposable? subscription;
    private ScoringModel model;

    public ExpansionScorer(string name, IOptionsMonitor<ExpansionScoringOptions> options, ScoringPlugins plugins, TimeProvider timeProvider, ILogger logger)
    {
        Name = name;
        this.plugins = plugins;
        this.timeProvider = timeProvider;
        this.logger = logger;
        model = plugins.Build(options.Get(name));
        subscription = options.OnChange(OnOptionsChanged);
    }

    public string Name { get; }

    public ScoringModel Model => Volatile.Read(ref model);

    public DateOnly Today => DateOnly.FromDateTime(timeProvider.GetLocalNow().DateTime);

    public AccountScore Score(Account account, DateOnly? asOf = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        return Model.Score(account, asOf ?? Today);
    }

    public ScoredAccount Explain(Account account, DateOnly? asOf = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        return Model.Explain(account, asOf ?? Today);
    }

    public IReadOnlyList<ScoredAccount> Explain(IEnumerable<Account> accounts, DateOnly? asOf = null)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var current = Model;
        var day = asOf ?? Today;
        var results = new List<ScoredAccount>();
        int index = 0;
        foreach (var account in accounts)
        {
            results.Add(current.Explain(account ?? throw new ArgumentNullException(nameof(accounts), $"The account at index {index} is null."), day));
            index++;
        }

        return results;
    }

    public void Dispose() => subscription?.Dispose();

    private void OnOptionsChanged(ExpansionScoringOptions options, string? changedName)
    {
        if (!string.Equals(changedName ?? Options.DefaultName, Name, StringComparison.Ordinal))
        {
            return;
        }

        try
        {
            Volatile.Write(ref model, plugins.Build(options));
            Log.ModelReloaded(logger, Log.Display(Name));
        }
        catch (ScoringConfigurationException ex)
        {
            Log.ReloadFailed(logger, Log.Display(Name), ex);
        }
    }
}
