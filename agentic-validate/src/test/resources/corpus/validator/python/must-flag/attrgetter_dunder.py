import operator
operator.attrgetter('__class__')(1)
