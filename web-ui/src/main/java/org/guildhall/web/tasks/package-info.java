/**
 * Step pages: a human step's form rendered from the model's fields, and claiming,
 * releasing and completing it.
 */
package org.guildhall.web.tasks;
