namespace SafeCity.Governance.Sharing;

public enum StepState
{
    Done,
    Due,
    Overdue,
    Waiting,
}
