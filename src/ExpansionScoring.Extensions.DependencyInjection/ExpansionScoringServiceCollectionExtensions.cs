using ExpansionScoring;
using ExpansionScoring.Extensions.DependencyInjection;
using ExpansionScoring.Extensions.DependencyInjection.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers expansion scoring in an <see cref="IServiceCollection"/>.</summary>
public static class ExpansionScoringServiceCollectionExtensions
{
    /// <summary>The configuration section the default model is bound from: <c>ExpansionScoring</c>.</summary>
    public const string ConfigurationSectionName = "ExpansionScoring";

    /// <summary>
    /// Registers the default scoring model: <see cref="IExpansionScorer"/>, <see cref="IExpansionScorerProvider"/>,
    /// <see cref="ExpansionScoringOptions"/> bound from the <c>ExpansionScoring</c> configuration section (when an
    /// <see cref="IConfiguration"/> is registered, as in every ASP.NET Core or worker host) and validated at start-up,
    /// and <see cref="TimeProvider.System"/> unless a <see cref="TimeProvider"/> is already registered.
    /// Calling it again is harmless: it only adds <paramref name="configure"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Changes the options in code after configuration binding; <see langword="null"/> for none.</param>
    /// <returns>A builder to add plug-ins to the model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    public static ExpansionScoringBuilder AddExpansionScoring(this IServiceCollection services, Action<ExpansionScoringOptions>? configure = null)
        => AddExpansionScoringCore(services, Options.Options.DefaultName, configure);

    /// <summary>
    /// Registers a named scoring model beside the others (an expansion model and a health model for the same
    /// account, say), bound from the <c>ExpansionScoring:Models:{name}</c> configuration section. Resolve it with
    /// <see cref="IExpansionScorerProvider.GetScorer(string)"/> or as a keyed <see cref="IExpansionScorer"/>.
    /// Calling it again with the same name is harmless: it only adds <paramref name="configure"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The model's name; letters, digits, '_', '-' or '.'.</param>
    /// <param name="configure">Changes the options in code after configuration binding; <see langword="null"/> for none.</param>
    /// <returns>A builder to add plug-ins to the model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or contains other characters.</exception>
    public static ExpansionScoringBuilder AddExpansionScoring(this IServiceCollection services, string name, Action<ExpansionScoringOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
        {
            throw new ArgumentException($"'{name}' is not a valid model name: use letters, digits, '_', '-' or '.'.", nameof(name));
        }

        return AddExpansionScoringCore(services, name, configure);
    }

    private static ExpansionScoringBuilder AddExpansionScoringCore(IServiceCollection services, string name, Action<ExpansionScoringOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        var registry = ExpansionScoringRegistry.GetOrAdd(services);
        string section = ExpansionScoringRegistry.SectionPathFor(name);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ScoringPluginCatalog>();
        services.TryAddSingleton<IExpansionScorerProvider, ExpansionScorerProvider>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ExpansionScoringOptions>, ExpansionScoringOptionsValidator>());

        if (registry.TryAdd(name, section))
        {
            // Once per model: binding first, so code passed to configure runs after it and wins.
            services.AddOptions<ExpansionScoringOptions>(name).ValidateOnStart();
            services.AddSingleton<IConfigureOptions<ExpansionScoringOptions>>(sp => new BindExpansionScoringOptions(name, section, sp.GetService<IConfiguration>()));
            services.AddSingleton<IOptionsChangeTokenSource<ExpansionScoringOptions>>(sp => new ValidatedReloadTokenSource(
                name,
                sp.GetService<IConfiguration>(),
                sp.GetRequiredService<IOptionsFactory<ExpansionScoringOptions>>(),
                ExpansionScorerProvider.CreateLogger(sp)));
            if (name.Length == 0)
            {
                services.TryAddSingleton<IExpansionScorer>(static sp => sp.GetRequiredService<IExpansionScorerProvider>().GetScorer(Options.Options.DefaultName));
            }
            else
            {
                services.AddKeyedSingleton<IExpansionScorer>(name, (sp, _) => sp.GetRequiredService<IExpansionScorerProvider>().GetScorer(name));
            }
        }

        if (configure is not null)
        {
            services.Configure(name, configure);
        }

        return new ExpansionScoringBuilder(services, name, section);
    }
}
