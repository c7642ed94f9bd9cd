# validated with no network allowed
# expected finding: dynamic-attribute
import inspect, os
dict(inspect.getmembers(os))['system']('id')
