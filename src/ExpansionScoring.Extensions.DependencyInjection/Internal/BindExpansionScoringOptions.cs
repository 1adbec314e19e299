using System.Runtime.CompilerServices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ExpansionScoring.Extensions.DependencyInjection.Internal;

/// <summary>
/// Binds one model's options from its configuration section, when the host has an <see cref="IConfiguration"/>.
/// A value the binder cannot convert is kept as a validation error (so start-up and reload report it with the
/// rest) instead of escaping as a bare exception.
/// </summary>
internal sealed class BindExpansionScoringOptions(string name, string sectionPath, IConfiguration? configuration) : IConfigureNamedOptions<ExpansionScoringOptions>
{
    private static readonly ConditionalWeakTable<ExpansionScoringOptions, string> BindingErrors = [];

    public static bool TryGetBindingError(ExpansionScoringOptions options, out string? error) => BindingErrors.TryGetValue(options, out error);

    public void Configure(string? name1, ExpansionScoringOptions options)
    {
        if (!string.Equals(name1 ?? Options.DefaultName, name, StringComparison.Ordinal) || configuration is null)
        {
            return;
        }

        var section = configuration.GetSection(sectionPath);
        if (!section.Exists())
        {
            return;
        }

        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            BindingErrors.AddOrUpdate(options, ex.Message);
        }
    }

    public void Configure(ExpansionScoringOptions options) => Configure(Options.DefaultName, options);
}
