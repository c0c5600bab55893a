using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace SafeCity.ServiceDefaults;

/// <summary>
/// A section of settings bound to its class and checked when the host starts, so a wrong value stops
/// the service with the key and its limit rather than failing later. Each class states its limits as
/// data annotations whose messages name the key.
/// </summary>
public static class Settings
{
    /// <summary>
    /// Binds the section as IOptions&lt;T&gt;, validated at start, and returns its value now for what must
    /// be decided before the container exists (ports, routes), checked by the same rules.
    /// </summary>
    public static T AddSettings<T>(this IHostApplicationBuilder builder, string section) where T : class, new()
    {
        builder.Services.AddOptions<T>().Bind(builder.Configuration.GetSection(section)).ValidateDataAnnotations().ValidateOnStart();
        var (value, wrong) = Check<T>(builder.Configuration, section);
        return wrong.Count > 0 ? throw new OptionsValidationException(section, typeof(T), wrong) : value;
    }

    /// <summary>The section bound to its class, and every rule it breaks, each in the words of its annotation (naming the key and its limit).</summary>
    public static (T Value, IReadOnlyList<string> Wrong) Check<T>(IConfiguration configuration, string section) where T : class, new()
    {
        var value = new T();
        configuration.GetSection(section).Bind(value);
        var failures = new List<ValidationResult>();
        Validator.TryValidateObject(value, new ValidationContext(value), failures, validateAllProperties: true);
        return (value, failures.Select(f => f.ErrorMessage ?? $"{section} is not valid.").ToList());
    }
}
