namespace SafeCity.Governance.Consumers;

/// <param name="AlreadyHeld">Redelivered, repeated or older than what the model holds: consumed and left alone.</param>
public sealed record EventCount(string Message, long Consumed, long Applied, long AlreadyHeld);
