import MetroTrace
