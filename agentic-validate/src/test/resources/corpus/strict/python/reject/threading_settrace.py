# family: tracing hooks reach every frame's globals
# expected finding: denied-call
import threading

threading.settrace(lambda frame, event, arg: print(frame.f_globals))
