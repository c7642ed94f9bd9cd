# family: shutil outside the working directory
# expected finding: write-outside
import shutil

shutil.copy("report.csv", "/var/www/html/report.csv")
