namespace SafeCity.Kernel.Commands;

public enum CommandOutcome
{
    Done,
    Invalid,
    NotFound,
    Conflict,
}

/// <summary>
/// What a command did: done with a value, or refused with the reason per field (for forms, HTTP
/// validation problems and gRPC INVALID_ARGUMENT alike). A refused command wrote nothing.
/// </summary>
public sealed record CommandResult<T>(CommandOutcome Outcome, T? Value, IReadOnlyDictionary<string, string[]> Errors)
{
    public static CommandResult<T> Done(T value) => new(CommandOutcome.Done, value, new Dictionary<string, string[]>());

    public static CommandResult<T> Invalid(IReadOnlyDictionary<string, string[]> errors) => new(CommandOutcome.Invalid, default, errors);

    public static CommandResult<T> NotFound(string field, string message) => new(CommandOutcome.NotFound, default, One(field, message));

    public static CommandResult<T> Conflict(string message) => new(CommandOutcome.Conflict, default, One("", message));

    public string Describe() => string.Join(" ", Errors.SelectMany(e => e.Value));

    private static Dictionary<string, string[]> One(string field, string message) => new() { [field] = [message] };
}

/// <summary>Collects what is wrong with a request, field by field.</summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public bool IsValid => _errors.Count == 0;

    public Validation Require(bool condition, string field, string message)
    {
        if (!condition)
        {
            if (!_errors.TryGetValue(field, out var list))
            {
                _errors[field] = list = [];
            }

            list.Add(message);
        }

        return this;
    }

    public IReadOnlyDictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
}
