namespace SafeCity.Kernel.Domain;

public enum DirectionOfTravel
{
    NotKnown,
    Improving,
    NoChange,
    Worsening,
}
