print("metrotrace")
