using System.ComponentModel.DataAnnotations;

namespace SafeCity.Kernel.Outbox;

public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>How long one publish may wait for the broker before the dispatcher backs off and retries.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:05:00", ErrorMessage = "Outbox:PublishTimeout must be from {1} to {2}.")]
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the outbox is read when no write has signalled it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.05", "00:10:00", ErrorMessage = "Outbox:PollInterval must be from {1} to {2}.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait between retries while the broker is away.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "01:00:00", ErrorMessage = "Outbox:MaxBackoff must be from {1} to {2}.")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(10);

    [Range(1, 10_000, ErrorMessage = "Outbox:BatchSize must be from {1} to {2}.")]
    public int BatchSize { get; set; } = 100;
}
