package org.adminprovisioning.bulkimport;

/**
 * One email of an import file, where it was found.
 *
 * @param line  the line of the file it starts on (the CSV header is line 1), or its position in the
 *              JSON array counted from 1
 * @param email the email as written, surrounding blanks removed
 */
record ImportLine(int line, String email) {
}
